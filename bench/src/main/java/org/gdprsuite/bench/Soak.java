package org.gdprsuite.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.Topics;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.Tokens;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code ./suite soak}: the benchmark's kinds of work at once, held for a while (15 minutes by default) —
 * consent decisions through the gateway at a constant rate, consent events on {@code consent.inbound}
 * (1 % re-sent, some out of order), person edits, and erasure requests approved by the DPO — then, once
 * the suite has caught up, counts what was lost or applied twice and whether memory stayed flat.
 *
 * <p>Options ({@code --name=value}): {@code minutes} (15), {@code decisions} (per second, 100),
 * {@code events} (per second, 200), {@code edits} (per second, 2), {@code erasure-every} (seconds, 10),
 * {@code sample-every} (seconds, 30), {@code root}, {@code results}. Exits with 1 when something was lost
 * or duplicated or memory grew.
 */
public final class Soak {

    private static final List<String> PARTICIPANTS = List.of("contact", "consent", "subscription", "incident");
    private static final String KAFKA = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    /** Memory before this is start-up and JIT warm-up, not a trend. */
    private static final Duration WARMUP = Duration.ofMinutes(2);
    private static final Duration DRAIN_CAP = Duration.ofMinutes(5);

    private final Http http;
    private final Path root;
    private final Duration duration;
    private final int decisionRate;
    private final int eventRate;
    private final int editRate;
    private final Duration erasureEvery;
    private final Duration sampleEvery;
    private final String runId = "soak" + Long.toString(System.currentTimeMillis(), 36);

    private final AtomicReference<String> salesToken = new AtomicReference<>();
    private final AtomicLong eventsSent = new AtomicLong();
    private final Map<String, String[]> newestDecision = new HashMap<>(); // person|purpose → {effective, status}
    private final Map<UUID, String> lastTitle = new ConcurrentHashMap<>();
    private final AtomicLong edits = new AtomicLong();
    private final AtomicLong editErrors = new AtomicLong();
    private final List<UUID> erasures = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong erasureErrors = new AtomicLong();
    private final Map<String, List<MemorySample>> memory = new ConcurrentHashMap<>();
    /** Per service, the heap still live after a full collection: after the warm-up, and at the end. */
    private final List<Map<String, Double>> liveAfterFullGc = java.util.Collections.synchronizedList(new ArrayList<>());

    record MemorySample(double minutes, double rssMiB, double liveHeapMiB) {
    }

    private Soak(Map<String, String> options) {
        http = new Http(options.getOrDefault("gateway", "http://127.0.0.1:8080"));
        root = Path.of(options.getOrDefault("root", "."));
        duration = Duration.ofMinutes(Long.parseLong(options.getOrDefault("minutes", "15")));
        decisionRate = Integer.parseInt(options.getOrDefault("decisions", "100"));
        eventRate = Integer.parseInt(options.getOrDefault("events", "200"));
        editRate = Integer.parseInt(options.getOrDefault("edits", "2"));
        erasureEvery = Duration.ofSeconds(Long.parseLong(options.getOrDefault("erasure-every", "10")));
        sampleEvery = Duration.ofSeconds(Long.parseLong(options.getOrDefault("sample-every", "30")));
    }

    public static void main(String[] args) {
        Map<String, String> options = Bench.options(args);
        Soak soak = new Soak(options);
        Report report = soak.run();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        report.write(Path.of(options.getOrDefault("results", soak.root.resolve("bench/results").toString())), "soak-",
                stamp);
        System.out.println();
        System.out.print(report.text());
        boolean held = report.figures().stream().allMatch(f -> f.met() == null || f.met());
        System.out.println(held ? "Soak held: nothing lost or duplicated, memory flat."
                : "Soak FAILED: see the rows marked NO.");
        System.exit(held ? 0 : 1);
    }

    private Report run() {
        Report report = new Report();
        report.context("machine", Runtime.getRuntime().availableProcessors() + " cores, whole suite and stack running");
        report.context("started", LocalDateTime.now().withNano(0).toString());
        report.context("load", decisionRate + " decisions/s, " + eventRate + " consent events/s, " + editRate
                + " person edits/s, an erasure every " + erasureEvery.toSeconds() + " s, for " + duration.toMinutes()
                + " min");

        Bench.say("soak: preparing (purposes, persons)");
        IngestionBench.PURPOSES.forEach(p -> Fixtures.ensurePurpose(http, p));
        salesToken.set(Tokens.of(DemoUser.SALES));
        UUID decided = UUID.randomUUID();
        http.post("/api/consents/persons/" + decided + "/purposes/" + DecisionBench.PURPOSE, salesToken.get(),
                Map.of("legalBasis", "CONSENT", "status", "GRANTED", "source", "WEB_FORM", "effectiveAt",
                        Instant.now().toString()), 201);
        List<UUID> edited = IntStream.range(0, 20).mapToObj(i -> Fixtures.person(http, "soak-edit" + i)).toList();
        UUID[] consenting = IntStream.range(0, 2_000).mapToObj(i -> UUID.randomUUID()).toArray(UUID[]::new);
        Map<String, Long> deadLettersBefore = deadLetters();

        Bench.say("soak: " + duration.toMinutes() + " min of mixed load");
        long start = System.nanoTime();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(4);
        timers.scheduleAtFixedRate(() -> salesToken.set(Tokens.of(DemoUser.SALES)), 2, 2, TimeUnit.MINUTES);
        timers.scheduleAtFixedRate(() -> sampleMemory(start), 0, sampleEvery.toSeconds(), TimeUnit.SECONDS);
        timers.schedule(() -> liveAfterFullGc.add(liveHeapAfterFullGc()), WARMUP.toSeconds(), TimeUnit.SECONDS);
        long editPeriodMicros = 1_000_000L / editRate;
        AtomicLong editNo = new AtomicLong();
        timers.scheduleAtFixedRate(() -> edit(edited.get((int) (editNo.get() % edited.size())),
                "soak-" + editNo.getAndIncrement()), 0, editPeriodMicros, TimeUnit.MICROSECONDS);
        timers.scheduleAtFixedRate(this::requestErasure, 1, erasureEvery.toSeconds(), TimeUnit.SECONDS);
        CompletableFuture<Void> events = CompletableFuture.runAsync(() -> publishEvents(consenting, start));
        URI decision = URI.create(http.base() + "/api/consents/decisions?personId=" + decided + "&purpose="
                + DecisionBench.PURPOSE);
        ConstantRateLoad.Result decisions = ConstantRateLoad.run(DecisionBench.sender(decision, salesToken::get), decisionRate, Duration.ZERO,
                duration);
        events.join();
        timers.shutdown();
        awaitQuietly(timers);
        sampleMemory(start);
        liveAfterFullGc.add(liveHeapAfterFullGc());
        double loadMinutes = (System.nanoTime() - start) / 60e9;

        Bench.say("soak: waiting for the suite to catch up (at most " + DRAIN_CAP.toMinutes() + " min per check)");
        report.add(Figure.info("consent decisions answered", decisions.recorded(), "", "p50 "
                + Report.number(decisions.millisAt(50)) + " ms, p99 " + Report.number(decisions.millisAt(99)) + " ms, p99.9 "
                + Report.number(decisions.millisAt(99.9)) + " ms"));
        // Reads, not effects: a refused decision (503 + Retry-After under overload) loses nothing; its
        // latency and refusals are the benchmark's concern, reported here for the record.
        report.add(Figure.info("consent decisions not answered 200", decisions.errors(), "",
                "refused (503 overload, 429) or failed, of " + (decisions.recorded() + decisions.errors())));
        checkConsents(report, consenting);
        checkEdits(report, edited);
        checkErasures(report);
        checkOutboxes(report);
        Map<String, Long> deadLettersAfter = deadLetters();
        deadLettersAfter.forEach((topic, end) -> report.add(count("dead letters added on " + topic,
                end - deadLettersBefore.getOrDefault(topic, 0L), 0, "every soak event is valid")));
        checkMemory(report);
        report.context("duration", Report.number(loadMinutes) + " min of load, then "
                + Report.number((System.nanoTime() - start) / 60e9 - loadMinutes) + " min until caught up and checked");
        return report;
    }

    /** Consent events at a steady rate, as IngestionBench makes them; remembers the newest decision per pair. */
    private void publishEvents(UUID[] people, long start) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        Instant base = Instant.now().minus(Duration.ofDays(400));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            long total = duration.toSeconds() * eventRate;
            for (int i = 0; i < total; i++) {
                long due = start + ConstantRateLoad.dueOffsetNanos(i, eventRate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String[] kv = IngestionBench.event(runId, people, base, i);
                JsonNode event = Http.JSON.readTree(kv[1]);
                JsonNode data = event.get("data");
                String pair = data.get("personId").asText() + "|" + data.get("purpose").asText();
                String effective = data.get("effectiveAt").asText();
                String[] newest = newestDecision.get(pair);
                if (newest == null || Instant.parse(effective).isAfter(Instant.parse(newest[0]))) {
                    newestDecision.put(pair, new String[] { effective, data.get("status").asText() });
                }
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CONSENT_INBOUND, kv[0], kv[1]);
                record.headers().add("content-type", CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                producer.send(record);
                eventsSent.incrementAndGet();
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish the soak's consent events", e);
        }
    }

    /** A sales edit with the person's ETag, as a CRM would make it; the title sent last must be kept. */
    private void edit(UUID person, String title) {
        try {
            HttpResponse<String> current = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(http.base()
                    + "/api/contacts/persons/" + person)).header("Authorization", "Bearer " + salesToken.get())
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            String etag = current.headers().firstValue("ETag").orElse(null);
            int status = current.statusCode() != 200 || etag == null ? current.statusCode()
                    : Http.CLIENT.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/contacts/persons/" + person))
                            .header("Authorization", "Bearer " + salesToken.get())
                            .header("Content-Type", "application/merge-patch+json").header("If-Match", etag)
                            .timeout(Duration.ofSeconds(30))
                            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"jobTitle\":\"" + title + "\"}"))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                lastTitle.put(person, title);
                edits.incrementAndGet();
            } else {
                editErrors.incrementAndGet();
            }
        } catch (Exception e) {
            editErrors.incrementAndGet();
        }
    }

    private void requestErasure() {
        try {
            UUID person = Fixtures.person(http, "soak-erase");
            erasures.addAll(new Requests(http).takeAndApprove("ERASURE", List.of(person)));
        } catch (RuntimeException e) {
            erasureErrors.incrementAndGet();
        }
    }

    private void checkConsents(Report report, UUID[] people) {
        long unique = IngestionBench.unique((int) eventsSent.get());
        try (Connection consent = Db.connect("consent")) {
            long applied = waitFor(() -> Db.number(consent, "SELECT count(*) FROM consent_record WHERE recorded_by = ?",
                    "bench-" + runId), n -> n >= unique);
            report.add(Figure.info("consent events sent", eventsSent.get(), "", Report.number(eventsSent.get() - unique)
                    + " of them re-sent duplicates, 1 in 20 older than the decision before it"));
            report.add(count("consent events lost (not in the ledger)", Math.max(0, unique - applied), 0,
                    Report.number(applied) + " of " + Report.number(unique) + " unique events in the ledger"));
            report.add(count("consent events applied twice", Math.max(0, applied - unique), 0,
                    "duplicates re-sent with the same id"));
            long wrong = 0;
            try (PreparedStatement s = consent.prepareStatement("SELECT person_id, purpose_key, status, effective_at "
                    + "FROM consent_state WHERE person_id = ANY(?)")) {
                s.setArray(1, consent.createArrayOf("uuid", people));
                Map<String, String[]> seen = new HashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        seen.put(r.getString(1) + "|" + r.getString(2), new String[] {
                                r.getTimestamp(4).toInstant().toString(), r.getString(3) });
                    }
                }
                for (Map.Entry<String, String[]> expected : newestDecision.entrySet()) {
                    String[] state = seen.get(expected.getKey());
                    // PostgreSQL keeps microseconds; the events carry the JVM clock's nanoseconds.
                    if (state == null || !state[1].equals(expected.getValue()[1]) || Math.abs(Duration.between(
                            Instant.parse(state[0]), Instant.parse(expected.getValue()[0])).toNanos()) >= 1_000) {
                        wrong++;
                    }
                }
            }
            report.add(count("consent states not at the newest decision", wrong, 0,
                    "of " + Report.number(newestDecision.size()) + " person × purpose pairs"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void checkEdits(Report report, List<UUID> persons) {
        long lost = 0;
        String token = Tokens.of(DemoUser.SALES);
        for (UUID person : persons) {
            String expected = lastTitle.get(person);
            if (expected != null && !expected.equals(http.get("/api/contacts/persons/" + person, token)
                    .path("jobTitle").asText())) {
                lost++;
            }
        }
        report.add(count("person edits lost (last edit not kept)", lost, 0, Report.number(edits.get())
                + " edits accepted on " + persons.size() + " persons, " + editErrors.get() + " calls refused or failed"));
    }

    private void checkErasures(Report report) {
        List<UUID> ids = List.copyOf(erasures);
        try (Connection erasure = Db.connect("erasure")) {
            List<Requests.Outcome> done = Requests.await(erasure, ids, DRAIN_CAP);
            long completed = done.stream().filter(Requests.Outcome::ok).count();
            List<Double> millis = done.stream().filter(Requests.Outcome::ok).map(Requests.Outcome::millis).toList();
            report.add(count("erasure requests not completed", ids.size() - completed, 0, Report.number(completed)
                    + " of " + ids.size() + " completed over every participant, p50 "
                    + Report.number(Requests.percentile(millis, 50)) + " ms, p99 "
                    + Report.number(Requests.percentile(millis, 99)) + " ms; " + erasureErrors.get()
                    + " could not be requested"));
            long twice = Db.number(erasure, "SELECT count(*) FROM (SELECT request_id FROM dsr_audit WHERE request_id = ANY(?)"
                    + " AND action = 'completed' GROUP BY request_id HAVING count(*) > 1) t",
                    erasure.createArrayOf("uuid", ids.toArray()));
            report.add(count("erasure requests completed twice", twice, 0, "audit trail"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every state change's event must have left its service's outbox. */
    private void checkOutboxes(Report report) {
        List<String> databases = new ArrayList<>(PARTICIPANTS);
        databases.add("erasure");
        for (String database : databases) {
            try (Connection db = Db.connect(database)) {
                long unsent = waitFor(() -> Db.number(db, "SELECT count(*) FROM outbox_event"),
                        n -> n == 0);
                report.add(count("outbox rows unsent: " + database + "-service", unsent, 0, "after the load"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A leak shows as heap still live after a full collection growing from the end of the warm-up to the end
     * of the load. (Old-generation occupancy between collections also holds garbage that G1 has not reached
     * yet, so the periodic samples are only shown beside it, with RSS.)
     */
    private void checkMemory(Report report) {
        if (liveAfterFullGc.size() < 2) {
            return;
        }
        Map<String, Double> first = liveAfterFullGc.get(0);
        Map<String, Double> last = liveAfterFullGc.get(liveAfterFullGc.size() - 1);
        memory.forEach((service, samples) -> {
            Double before = first.get(service);
            Double after = last.get(service);
            if (before == null || after == null) {
                return;
            }
            List<MemorySample> settled = samples.stream().filter(s -> s.minutes() >= WARMUP.toMinutes()).toList();
            String rss = settled.isEmpty() ? "" : ", RSS " + Report.number(settled.get(0).rssMiB()) + " → "
                    + Report.number(settled.get(settled.size() - 1).rssMiB()) + " MiB (max "
                    + Report.number(settled.stream().mapToDouble(MemorySample::rssMiB).max().orElse(0))
                    + "), old generation after the last GC at most "
                    + Report.number(settled.stream().mapToDouble(MemorySample::liveHeapMiB).max().orElse(0)) + " MiB";
            report.add(new Figure("live heap growth: " + service, after - before, "MiB", "flat", isFlat(before, after),
                    null, null, "live after a full GC at minute " + WARMUP.toMinutes() + " and at the end: "
                            + Report.number(before) + " → " + Report.number(after) + " MiB" + rss));
        });
    }

    /** Forces a full collection in each service (jcmd GC.run) and reads what stayed live. */
    private Map<String, Double> liveHeapAfterFullGc() {
        Map<String, Double> live = new LinkedHashMap<>();
        ServiceStats.SERVICES.forEach(service -> {
            int port = ServiceStats.PORTS.get(service);
            try {
                String pid = java.nio.file.Files.readString(root.resolve(".stack/run/" + service + ".pid")).strip();
                Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), pid, "GC.run").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (gc.waitFor(60, TimeUnit.SECONDS) && gc.exitValue() == 0) {
                    live.put(service, liveHeapMiB(port));
                }
            } catch (Exception e) {
                // no figure for this service
            }
        });
        return live;
    }

    /** Flat: the heap live after a full GC grew by at most 16 MiB or 10 %, whichever is more (caches filling). */
    static boolean isFlat(double firstMiB, double lastMiB) {
        return lastMiB - firstMiB <= Math.max(16, firstMiB * 0.10);
    }

    private void sampleMemory(long start) {
        double minutes = (System.nanoTime() - start) / 60e9;
        ServiceStats.SERVICES.forEach(service -> {
            int port = ServiceStats.PORTS.get(service);
            double rss = ServiceStats.rssMiB(root, service).orElse(Double.NaN);
            double live = liveHeapMiB(port);
            memory.computeIfAbsent(service, s -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(new MemorySample(minutes, rss, live));
        });
    }

    /** Micrometer's {@code jvm_gc_live_data_size_bytes}: the old generation's size after the last collection. */
    private static double liveHeapMiB(int port) {
        try {
            HttpResponse<String> metrics = Http.CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/q/metrics")).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return metric(metrics.body(), "jvm_gc_live_data_size_bytes") / (1024 * 1024);
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    static double metric(String prometheusText, String name) {
        return prometheusText.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The end offset of every dead-letter topic there is. */
    private static Map<String, Long> deadLetters() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
            Map<String, Long> ends = new java.util.TreeMap<>();
            for (String topic : admin.listTopics().names().get()) {
                if (topic.endsWith(".dlq")) {
                    ends.put(topic, IngestionBench.endOffsets(topic));
                }
            }
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the dead-letter topics", e);
        }
    }

    private static Figure count(String name, long value, long expected, String note) {
        return new Figure(name, value, "", "= " + expected, value == expected, null, null, note);
    }

    /** Polls {@code value} until {@code done} or the drain cap passes; returns the last value. */
    private static long waitFor(Supplier<Long> value, java.util.function.LongPredicate done) {
        long deadline = System.nanoTime() + DRAIN_CAP.toNanos();
        long last = value.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Requests.sleep(2000);
            last = value.get();
        }
        return last;
    }

    private static void awaitQuietly(ScheduledExecutorService executor) {
        try {
            executor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
