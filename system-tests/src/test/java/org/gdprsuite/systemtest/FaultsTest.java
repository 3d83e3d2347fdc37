package org.gdprsuite.systemtest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentRecorded;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The card's promise under faults: with consent decisions, person edits and erasure requests flowing, a
 * participant is killed mid-erasure, the Kafka broker and PostgreSQL are restarted and the orchestrator
 * is killed; afterwards every request completes, every event counts once, no outbox row is stuck and the
 * dead-letter topics hold only the one truly bad event. Prints what was injected and what was checked.
 */
class FaultsTest extends SystemTest {

    private static final int TRAFFIC_PERSONS = 12;
    private static final int ERASURES_PER_FAULT = 3;
    private static final Duration SETTLE = Duration.ofMinutes(4);

    private final List<String> injected = new ArrayList<>();
    private final List<String> checked = new ArrayList<>();

    @Test
    void everyRequestCompletesAndEveryEventCountsOnceThroughCrashesAndRestarts() throws Exception {
        // The suite is shared with the other scenarios: only what this one adds to the dead-letter topics counts.
        Map<String, Long> deadBefore = deadLetters();
        List<UUID> traffickedPersons = persons("traffic", TRAFFIC_PERSONS);
        List<UUID> erased = persons("erasure", 2 * ERASURES_PER_FAULT);
        awaitParticipants();
        eventually().until(() -> traffickedPersons.stream().allMatch(p -> consentsKnown(p)));

        List<UUID> requests = new ArrayList<>();
        String badEventId;
        try (Traffic traffic = new Traffic(traffickedPersons)) {
            traffic.runFor(Duration.ofSeconds(3));
            badEventId = traffic.sendMalformed();

            requests.addAll(approveErasures(erased.subList(0, ERASURES_PER_FAULT)));
            suite.crashAndRestart("subscription-service");
            injected.add("kill -9 subscription-service right after " + ERASURES_PER_FAULT
                    + " erasures were approved, restart");
            traffic.runFor(Duration.ofSeconds(3));

            SuiteStack.restart("kafka");
            injected.add("Kafka broker stopped and restarted");
            traffic.runFor(Duration.ofSeconds(3));

            SuiteStack.restart("postgres");
            injected.add("PostgreSQL restarted");
            traffic.runFor(Duration.ofSeconds(3));

            requests.addAll(approveErasures(erased.subList(ERASURES_PER_FAULT, erased.size())));
            suite.crashAndRestart("erasure-service");
            injected.add("kill -9 erasure-service (the orchestrator) right after " + ERASURES_PER_FAULT
                    + " erasures were approved, restart");
            traffic.runFor(Duration.ofSeconds(3));
            traffic.stop();
            injected.add("traffic: " + traffic.summary());

            Map<UUID, String> allCompleted = new LinkedHashMap<>();
            requests.forEach(request -> allCompleted.put(request, "COMPLETED"));
            settle().untilAsserted(() -> assertEquals(allCompleted, statuses(requests), "request statuses"));
            checked.add(requests.size() + " erasure requests COMPLETED by every participant");
            for (UUID person : erased) {
                as(DemoUser.DPO)
                        .when()
                        .get("/api/contacts/persons/" + person)
                        .then()
                        .statusCode(404);
            }
            checked.add(erased.size() + " erased persons gone from contact-service");

            for (UUID person : traffickedPersons) {
                List<CloudEvent> sent = traffic.sent(person);
                settle().untilAsserted(() -> assertEquals(
                        sent.size(), ledgerRecordsFromTheShop(person), "each consent event counts once for " + person));
                boolean granted = "GRANTED"
                        .equals(sent.get(sent.size() - 1)
                                .dataAs(ConsentRecorded.class)
                                .status());
                assertEquals(granted, decision(person, NEWSLETTER), "the newest decision wins for " + person);
                String title = traffic.jobTitle(person);
                if (title != null) {
                    assertEquals(
                            title,
                            as(DemoUser.SALES)
                                    .when()
                                    .get("/api/contacts/persons/" + person)
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .path("jobTitle"),
                            "the last edit is kept for " + person);
                }
            }
            checked.add(traffic.distinctEvents() + " consent events (+" + traffic.duplicates()
                    + " duplicates) each in the ledger exactly once; newest decision wins; last person edit kept");
        }

        settle().untilAsserted(() -> assertEquals(Map.of(), stuckOutboxRows(), "unsent outbox rows by service"));
        checked.add("no unsent outbox row in any service");

        // The malformed event's dead letter first, so the count below sees it.
        KafkaProbe.awaitRecord(
                suite.topic(Topics.deadLetter(Topics.CONSENT_INBOUND)),
                d -> d.value().contains(badEventId),
                Duration.ofSeconds(10));
        Map<String, Long> added = new LinkedHashMap<>();
        deadLetters().forEach((topic, records) -> {
            if (records > deadBefore.getOrDefault(topic, 0L)) {
                added.put(topic, records - deadBefore.getOrDefault(topic, 0L));
            }
        });
        assertEquals(Map.of(Topics.deadLetter(Topics.CONSENT_INBOUND), 1L), added, "dead letters added, by topic");
        checked.add("the dead-letter topics gained only the one malformed event");

        System.out.println("FaultsTest injected:\n  - " + String.join("\n  - ", injected));
        System.out.println("FaultsTest checked:\n  - " + String.join("\n  - ", checked));
    }

    private static List<UUID> persons(String kind, int count) {
        List<UUID> persons = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            persons.add(createPerson("Fault", kind + i, uniqueEmail("fault." + kind + i), Map.of()));
        }
        return persons;
    }

    private static boolean consentsKnown(UUID person) {
        return as(DemoUser.SALES).when().get("/api/consents/persons/" + person).statusCode() == 200;
    }

    /** Erasure requests taken by the DPO (identity checked by staff) and approved at once. */
    private static List<UUID> approveErasures(List<UUID> persons) {
        List<UUID> requests = new ArrayList<>();
        for (UUID person : persons) {
            UUID request = UUID.fromString(as(DemoUser.DPO)
                    .contentType(ContentType.JSON)
                    .body(Map.of("type", "ERASURE", "personIds", List.of(person)))
                    .when()
                    .post("/api/requests")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
            as(DemoUser.DPO)
                    .when()
                    .post("/api/requests/" + request + "/approval")
                    .then()
                    .statusCode(200);
            requests.add(request);
        }
        return requests;
    }

    private static Map<UUID, String> statuses(List<UUID> requests) {
        Map<UUID, String> statuses = new LinkedHashMap<>();
        for (UUID request : requests) {
            statuses.put(
                    request,
                    as(DemoUser.DPO)
                            .when()
                            .get("/api/requests/" + request)
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("status"));
        }
        return statuses;
    }

    private static long ledgerRecordsFromTheShop(UUID person) {
        return as(DemoUser.DPO)
                .when()
                .get("/api/consents/persons/" + person + "/purposes/" + NEWSLETTER + "/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.source")
                .stream()
                .filter("WEB_FORM"::equals)
                .count();
    }

    /** Outbox rows not yet published, by service. */
    private static Map<String, Long> stuckOutboxRows() throws SQLException {
        Map<String, Long> stuck = new LinkedHashMap<>();
        for (String service : suite.services()) {
            try (Connection db = suite.database(service);
                    Statement query = db.createStatement();
                    ResultSet count = query.executeQuery("SELECT count(*) FROM outbox_event")) {
                count.next();
                if (count.getLong(1) > 0) {
                    stuck.put(service, count.getLong(1));
                }
            }
        }
        return stuck;
    }

    /** Records in each dead-letter topic of this run, by logical topic name; empty ones left out. */
    private static Map<String, Long> deadLetters() {
        Map<String, Long> dead = new LinkedHashMap<>();
        for (String topic : Topics.ALL) {
            String dlq = Topics.deadLetter(topic);
            long records = KafkaProbe.count(suite.topic(dlq));
            if (records > 0) {
                dead.put(dlq, records);
            }
        }
        return dead;
    }

    private static org.awaitility.core.ConditionFactory settle() {
        return Awaitility.await()
                .atMost(SETTLE)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions();
    }

    /**
     * What keeps flowing while faults are injected: an integrating system (a web shop) reports consent
     * decisions on {@code consent.inbound}, sometimes twice, and sales edit persons' job titles through the
     * gateway, retrying as any client does when a call fails.
     */
    private static final class Traffic implements AutoCloseable {

        private final List<UUID> persons;
        private final Map<UUID, List<CloudEvent>> sent = new ConcurrentHashMap<>();
        private final Map<UUID, String> jobTitles = new ConcurrentHashMap<>();
        private final AtomicInteger duplicates = new AtomicInteger();
        private final AtomicInteger edits = new AtomicInteger();
        private final AtomicInteger retriedCalls = new AtomicInteger();
        private volatile boolean stopped;
        private final Thread thread;
        private volatile RuntimeException failure;

        Traffic(List<UUID> persons) {
            this.persons = persons;
            persons.forEach(p -> sent.put(p, Collections.synchronizedList(new ArrayList<>())));
            thread = new Thread(this::loop, "fault-traffic");
            thread.start();
        }

        /** Lets the traffic flow for a while; faults are injected concurrently by the caller in between. */
        void runFor(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
            if (failure != null) {
                throw failure;
            }
        }

        private void loop() {
            int tick = 0;
            try {
                while (!stopped) {
                    UUID person = persons.get(tick % persons.size());
                    consentDecision(person, tick, tick % 7 == 0);
                    if (tick % 3 == 0) {
                        editJobTitle(person, "Buyer " + tick);
                    }
                    tick++;
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        /** Alternating grants and withdrawals, each newer than the last; the send waits for the broker. */
        private void consentDecision(UUID person, int tick, boolean sendTwice) {
            String status = sent.get(person).size() % 2 == 0 ? "GRANTED" : "WITHDRAWN";
            CloudEvent event = CloudEvent.of(
                    "web-shop",
                    EventType.CONSENT_RECORDED,
                    person.toString(),
                    new ConsentRecorded(
                            person,
                            NEWSLETTER,
                            status,
                            "CONSENT",
                            Instant.now(),
                            "WEB_FORM",
                            "shop-checkout",
                            null,
                            new ConsentRecorded.Evidence("198.51.100.7", "Mozilla/5.0", "checkout-" + tick)));
            String json = EventCodec.toJson(event);
            List<Map.Entry<String, String>> records = new ArrayList<>(List.of(Map.entry(person.toString(), json)));
            if (sendTwice) {
                records.add(Map.entry(person.toString(), json));
                duplicates.incrementAndGet();
            }
            KafkaProbe.send(suite.topic(Topics.CONSENT_INBOUND), records);
            sent.get(person).add(event);
        }

        /** A sales edit with the person's ETag; a failed call is retried until the suite answers. */
        private void editJobTitle(UUID person, String title) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (true) {
                try {
                    Response current = as(DemoUser.SALES).when().get("/api/contacts/persons/" + person);
                    if (current.statusCode() == 200) {
                        int status = as(DemoUser.SALES)
                                .contentType("application/merge-patch+json")
                                .header("If-Match", current.header("ETag"))
                                .body(Map.of("jobTitle", title))
                                .when()
                                .patch("/api/contacts/persons/" + person)
                                .statusCode();
                        if (status == 200) {
                            jobTitles.put(person, title);
                            edits.incrementAndGet();
                            return;
                        }
                    }
                } catch (RuntimeException connectionFailed) {
                    // the gateway or contact-service is down for the moment: retry like a client
                }
                retriedCalls.incrementAndGet();
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("a person edit was not accepted within 2 minutes of faults");
                }
                pause(500);
            }
        }

        String sendMalformed() {
            UUID person = persons.get(0);
            CloudEvent bad = CloudEvent.of(
                    "web-shop",
                    EventType.CONSENT_RECORDED,
                    person.toString(),
                    new ConsentRecorded(
                            person,
                            NEWSLETTER,
                            "MAYBE",
                            "CONSENT",
                            Instant.now(),
                            "WEB_FORM",
                            "shop-checkout",
                            null,
                            null));
            KafkaProbe.send(suite.topic(Topics.CONSENT_INBOUND), person.toString(), EventCodec.toJson(bad));
            return bad.id();
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.join(Duration.ofMinutes(3).toMillis());
            if (failure != null) {
                throw failure;
            }
        }

        List<CloudEvent> sent(UUID person) {
            return List.copyOf(sent.get(person));
        }

        String jobTitle(UUID person) {
            return jobTitles.get(person);
        }

        int distinctEvents() {
            return sent.values().stream().mapToInt(List::size).sum();
        }

        int duplicates() {
            return duplicates.get();
        }

        String summary() {
            return distinctEvents() + " consent events (+" + duplicates() + " duplicates, 1 malformed), " + edits.get()
                    + " person edits (" + retriedCalls.get() + " calls retried during faults)";
        }

        @Override
        public void close() throws InterruptedException {
            if (!stopped) {
                stopped = true;
                thread.join(Duration.ofMinutes(3).toMillis());
            }
        }

        private static void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
