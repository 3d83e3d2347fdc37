package org.gdprsuite.bench;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.MailBox;
import org.gdprsuite.testsupport.Tokens;

import com.fasterxml.jackson.databind.JsonNode;

import static io.restassured.RestAssured.given;

/**
 * A marketing mailing job to {@code persons} persons, each created through the gateway (contact-service), given
 * consent for the mailing's purpose (consent-service) and subscribed to its type (subscription-service): from the
 * job's creation to its completion (the service's own timestamps), mails delivered per second and the suite's CPU
 * per mail, both counted from what GreenMail received. Baseline in the same run: the same number of mails to the
 * same addresses by a bare SMTP client ({@link BareSmtp}).
 */
final class MailingBench {

    private static final String SMTP_HOST = "127.0.0.1";
    private static final int SMTP_PORT = 2525;
    private static final String TEXT = "News of the month: what changed, what comes next, and how to reach us.";
    private static final int THREADS = 8;

    private final Http http;
    private final SuiteCpu cpu;
    private final int persons;
    private final Duration cap;

    MailingBench(Http http, SuiteCpu cpu, int persons, Duration cap) {
        this.http = http;
        this.cpu = cpu;
        this.persons = persons;
        this.cap = cap;
    }

    void run(Report report, String runId) {
        String marker = "mailing-" + runId;
        String purpose = "bench-" + marker;
        Fixtures.ensurePurpose(http, purpose);
        String marketing = Tokens.of(DemoUser.MARKETING);
        http.put(
                "/api/subscriptions/types/" + marker,
                marketing,
                Map.of("name", "Benchmark " + marker, "description", "The bench's mailing", "purposeKey", purpose));
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < persons; i++) {
            addresses.add("m" + i + "-" + marker + "@bench.invalid");
        }
        audience(addresses, purpose, marker);
        Bench.step(report, "mailing job to " + Report.number(persons) + " persons (audience loaded)");

        // The mailing, from its creation to its completion.
        String subject = "Bench mailing " + marker;
        SuiteCpu.Sample before = cpu.sample();
        JsonNode queued = http.post(
                "/api/subscriptions/mailings",
                marketing,
                Map.of("kind", "MARKETING", "typeKey", marker, "subject", subject, "text", TEXT),
                202);
        JsonNode job = awaitOver(queued.get("id").asText());
        SuiteCpu.Usage used = cpu.sample().since(before);
        boolean completed = "COMPLETED".equals(job.get("state").asText());
        double millis = completed
                ? Duration.between(
                                        Instant.parse(job.get("createdAt").asText()),
                                        Instant.parse(job.get("finishedAt").asText()))
                                .toNanos()
                        / 1e6
                : cap.toMillis();

        // The baseline: the same number of mails to the same addresses, straight to the SMTP server.
        Bench.step(report, "bare SMTP client, " + Report.number(persons) + " mails");
        String bareSubject = "Bench bare SMTP " + marker;
        SuiteCpu.Sample bareBefore = cpu.sample();
        double bareOwnBefore = DecisionBench.ownCpuMillis();
        long start = System.nanoTime();
        long refused;
        try (BareSmtp bare = new BareSmtp(SMTP_HOST, SMTP_PORT)) {
            refused = bare.send(addresses, "GDPR Suite <privacy@gdpr-suite.local>", bareSubject, TEXT);
        }
        double bareMillis = (System.nanoTime() - start) / 1e6;
        SuiteCpu.Usage bareUsed = cpu.sample().since(bareBefore);
        double bareOwn = DecisionBench.ownCpuMillis() - bareOwnBefore;

        Bench.say("mailing " + job.get("state").asText() + " in " + Report.number(millis) + " ms, totals "
                + job.get("totals") + ", suite CPU " + Report.number(used.total()) + " ms; bare client "
                + Report.number(bareMillis) + " ms, " + refused + " refused; counting what GreenMail received");
        List<Map<String, Integer>> received = received(addresses, List.of(subject, bareSubject));
        MailTally tally =
                MailTally.of(received.stream().map(m -> m.get(subject)).toList());
        MailTally bareTally =
                MailTally.of(received.stream().map(m -> m.get(bareSubject)).toList());
        report.add(Figure.rate(
                "mailing job, " + Report.number(persons) + " persons → GreenMail",
                tally.perSecond(millis),
                "mails/s",
                null,
                bareTally.perSecond(bareMillis),
                "bare SMTP client, " + BareSmtp.IN_FLIGHT + " in flight",
                (completed ? "" : "NOT COMPLETED within " + cap.toSeconds() + " s; ")
                        + tally.note() + "; job created → completed " + Report.number(millis / 1000)
                        + " s (its timestamps), "
                        + job.get("totals").get("PLANNED").asInt() + " planned"
                        + "; baseline " + bareTally.note() + ", " + refused + " refused"));
        double barePerMail = (bareUsed.total() + bareOwn) / Math.max(1, bareTally.once());
        report.add(new Figure(
                "CPU per mail: mailing job",
                used.per(tally.once()),
                "ms",
                null,
                null,
                barePerMail,
                "bare SMTP client + the suite",
                "whole suite, " + Report.number(used.total() / 1000) + " s over " + Report.number(tally.once())
                        + " mails: " + used.breakdown(Math.max(1, tally.once())) + "; baseline: client "
                        + Report.number(bareOwn / Math.max(1, bareTally.once())) + " ms, suite "
                        + bareUsed.breakdown(Math.max(1, bareTally.once()))));
    }

    /**
     * The mailing's audience through the gateway, as staff would build it (not measured): each person created,
     * given consent for {@code purpose} and subscribed to {@code type}; then waits until subscription-service's read
     * models hold every one of them (the events of contact- and consent-service applied).
     */
    private void audience(List<String> addresses, String purpose, String type) {
        Bench.say("creating " + Report.number(addresses.size()) + " persons through the gateway");
        sales();
        List<UUID> ids = inParallel(addresses, email -> {
            JsonNode created = http.post(
                    "/api/contacts/persons",
                    sales(),
                    Map.of("firstName", "Bench", "lastName", "Mailing", "email", email),
                    201);
            return UUID.fromString(created.get("id").asText());
        });
        // consent-service takes consents for persons it has heard of; not waiting for the event is not measured.
        Db.announceToConsentService(ids.toArray(UUID[]::new));
        Fixtures.Consent granted = new Fixtures.Consent(
                "CONSENT", "GRANTED", "WEB_FORM", Instant.now().toString());
        inParallel(ids, id -> {
            http.post("/api/consents/persons/" + id + "/purposes/" + purpose, sales(), granted, 201);
            http.put(
                    "/api/subscriptions/persons/" + id + "/types/" + type,
                    sales(),
                    Map.of("subscribed", true, "source", "PHONE"));
            return id;
        });
        long deadline = System.nanoTime() + cap.toNanos();
        long known;
        try (Connection subscription = Db.connect("subscription")) {
            do {
                Requests.sleep(500);
                known = Db.number(
                        subscription,
                        "SELECT count(*) FROM subscription s JOIN contact_read_model c ON c.person_id = s.person_id"
                                + " AND c.email IS NOT NULL JOIN consent_read_model k ON k.person_id = s.person_id"
                                + " AND k.purpose = ? AND k.allowed WHERE s.type_key = ? AND s.subscribed",
                        purpose,
                        type);
            } while (known < addresses.size() && System.nanoTime() < deadline);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        Bench.say(Report.number(known) + " of " + Report.number(addresses.size()) + " in subscription-service's"
                + " audience");
    }

    /**
     * The sales token, asked of Keycloak by one thread at a time: logins of one user from eight threads at once
     * were refused (invalid_grant) in the first run; the token is reused until shortly before it expires.
     */
    private static synchronized String sales() {
        return Tokens.of(DemoUser.SALES);
    }

    /** The job once it is no longer queued or running, or as it is at the cap. */
    private JsonNode awaitOver(String id) {
        long deadline = System.nanoTime() + cap.toNanos();
        while (true) {
            JsonNode job = http.get("/api/subscriptions/mailings/" + id, Tokens.of(DemoUser.MARKETING));
            String state = job.get("state").asText();
            if (!state.equals("QUEUED") && !state.equals("RUNNING") || System.nanoTime() > deadline) {
                return job;
            }
            Requests.sleep(250);
        }
    }

    /**
     * How many mails of each subject every address received, read from GreenMail's API as test-support's MailBox
     * reads it; each mailbox is emptied after (GreenMail keeps every mail in its heap).
     */
    private static List<Map<String, Integer>> received(List<String> addresses, List<String> subjects) {
        return inParallel(addresses, address -> {
            Map<String, Integer> counts = new java.util.HashMap<>();
            subjects.forEach(s -> counts.put(s, 0));
            for (MailBox.Message message : retried(() -> MailBox.messages(address))) {
                counts.computeIfPresent(message.subject(), (s, n) -> n + 1);
            }
            retried(() -> given().baseUri(MailBox.API).delete("/user/" + address));
            return counts;
        });
    }

    /** A call to GreenMail's API, tried up to three times: its server at times resets a kept-alive connection. */
    private static <T> T retried(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
                Requests.sleep(200);
            }
        }
    }

    private static <T, R> List<R> inParallel(List<T> items, Function<T, R> call) {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> call.apply(item)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException("the mailing's fixtures or counts failed", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
