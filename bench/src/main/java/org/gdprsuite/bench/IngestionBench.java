package org.gdprsuite.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentRecorded;
import org.gdprsuite.testsupport.SuiteKafka;

/**
 * Consent-event ingestion: the same generated events go first to a private topic read by a bare
 * consumer that batch-inserts them with JDBC (the baseline), then to {@code consent.inbound} for
 * consent-service; each is timed from the first event sent until the last one is stored.
 *
 * <p>The events: {@code persons} persons × {@link #PURPOSES} purposes, decisions alternating granted and
 * withdrawn, one in a hundred a re-sent duplicate (same id), and one in twenty older than the decision
 * before it for the same person and purpose (out of order: kept as history, not the current state).
 */
final class IngestionBench {

    static final List<String> PURPOSES =
            List.of("bench-newsletter", "bench-profiling", "bench-partners", "bench-surveys", "bench-events");
    /** The bench's Kafka clients: the suite's bus takes only logged-in principals; the bench sets up as admin. */
    static Properties kafka() {
        Properties props = new Properties();
        props.putAll(SuiteKafka.as(SuiteKafka.ADMIN));
        return props;
    }

    /** consent-service's consumer group on consent.inbound. */
    private static final String CONSUMER_GROUP = "consent-service";

    private final Http http;
    private final SuiteCpu cpu;
    private final int events;
    private final int persons;
    private final Duration cap;

    IngestionBench(Http http, SuiteCpu cpu, int events, int persons, Duration cap) {
        this.http = http;
        this.cpu = cpu;
        this.events = events;
        this.persons = persons;
        this.cap = cap;
    }

    /** Event {@code i} of a run as record key and value; a duplicate repeats an earlier event exactly. */
    static String[] event(String runId, UUID[] people, Instant base, int i) {
        int n = i % 100 == 99 ? i - 50 : i; // 1 % duplicates of an event sent 50 before
        int pairs = people.length * PURPOSES.size();
        UUID person = people[n % people.length];
        String purpose = PURPOSES.get((n / people.length) % PURPOSES.size());
        int round = n / pairs;
        // Every 20th decision is dated before the previous round's decision for the same pair.
        Instant effective = base.plusSeconds(60L * round + (n % 20 == 7 && round > 0 ? -90 : 0));
        ConsentRecorded data = new ConsentRecorded(
                person,
                purpose,
                round % 2 == 0 ? "GRANTED" : "WITHDRAWN",
                "CONSENT",
                effective,
                "WEB_FORM",
                "bench",
                "v1",
                new ConsentRecorded.Evidence(null, null, "bench-form"));
        CloudEvent event = new CloudEvent(
                CloudEvent.SPEC_VERSION,
                runId + "-" + n,
                "bench-" + runId,
                EventType.CONSENT_RECORDED.type(),
                person.toString(),
                effective,
                CloudEvent.JSON,
                Http.JSON.valueToTree(data));
        return new String[] {person.toString(), EventCodec.toJson(event)};
    }

    static int unique(int events) {
        return events - events / 100;
    }

    void run(Report report, String runId) {
        PURPOSES.forEach(p -> Fixtures.ensurePurpose(http, p));
        UUID[] people =
                IntStream.range(0, persons).mapToObj(i -> UUID.randomUUID()).toArray(UUID[]::new);
        Db.announceToConsentService(people);
        Instant base = Instant.now().minus(Duration.ofDays(400));
        String privateTopic = "bench.consent.inbound." + runId;
        try (Admin admin = Admin.create(kafka());
                Connection consent = Db.connect("consent")) {
            admin.createTopics(List.of(new NewTopic(privateTopic, 6, (short) 1)))
                    .all()
                    .get();
            BareConsumer.createTable(consent);

            Bench.step(
                    report, "ingestion baseline: bare consumer → JDBC batches, " + Report.number(events) + " events");
            BareConsumer bare = new BareConsumer(privateTopic, events);
            Thread baseline = new Thread(bare);
            SuiteCpu.Sample beforeBaseline = cpu.sample();
            long t0 = System.nanoTime();
            baseline.start();
            produce(privateTopic, runId, people, base);
            baseline.join(Math.max(1, (t0 + cap.toNanos() - System.nanoTime()) / 1_000_000));
            baseline.interrupt();
            baseline.join();
            double baselineSeconds = Duration.ofNanos(System.nanoTime() - t0).toNanos() / 1e9;
            // The baseline's CPU is its consumer thread's, PostgreSQL's and Kafka's (which also takes the events).
            SuiteCpu.Usage baselineUsed = cpu.sample()
                    .since(beforeBaseline)
                    .of(List.of("postgres", "kafka"))
                    .with("bare consumer", bare.cpuMillis());
            BareConsumer.dropTable(consent);
            admin.deleteTopics(List.of(privateTopic)).all().get();

            Bench.step(report, "ingestion by consent-service: " + Report.number(events) + " events on consent.inbound");
            long dlqBefore = endOffsets(Topics.deadLetter(Topics.CONSENT_INBOUND));
            t0 = System.nanoTime();
            SuiteCpu.Sample before = cpu.sample();
            produce(Topics.CONSENT_INBOUND, runId, people, base);
            Map<TopicPartition, Long> sent = endOffsetsByPartition(Topics.CONSENT_INBOUND);
            long deadline = t0 + cap.toNanos();
            // consent-service commits a poll's offsets once its transaction is committed: caught up = all applied.
            // (Counting the ledger every few seconds instead cost PostgreSQL a fifth of its time.)
            while (!caughtUp(admin, CONSUMER_GROUP, sent) && System.nanoTime() < deadline) {
                Requests.sleep(250);
            }
            double seconds = Duration.ofNanos(System.nanoTime() - t0).toNanos() / 1e9;
            SuiteCpu.Usage used = cpu.sample().since(before);
            long applied =
                    Db.number(consent, "SELECT count(*) FROM consent_record WHERE recorded_by = ?", "bench-" + runId);
            long deadLettered = endOffsets(Topics.deadLetter(Topics.CONSENT_INBOUND)) - dlqBefore;
            if (applied < unique(events)) {
                // At the cap the rest is dropped from the topic, or consent-service (and the consumers of
                // the consent.events it publishes) would go on with this run's events long after it.
                dropUnconsumed(admin, Topics.CONSENT_INBOUND);
            }

            // Events handled per second (duplicates included), as the baseline is counted.
            double rate = events * ((double) applied / unique(events)) / seconds;
            double baselineRate = bare.consumed() / baselineSeconds;
            String note = Report.number(applied) + " of " + Report.number(unique(events)) + " unique applied in "
                    + Report.number(seconds) + " s"
                    + (applied < unique(events) ? " (cap; the rest dropped from the topic)" : "")
                    + ", " + deadLettered + " dead-lettered; baseline: " + Report.number(bare.consumed()) + " in "
                    + Report.number(baselineSeconds) + " s";
            report.add(Figure.rate(
                    "consent ingestion, " + Report.number(events) + " events",
                    rate,
                    "events/s",
                    10_000.0,
                    baselineRate,
                    "bare consumer + JDBC batch",
                    note));
            Figure share = Figure.rate(
                    "consent ingestion, share of baseline", 100 * rate / baselineRate, "%", 50.0, null, null, null);
            report.add(share);
            report.add(used.figure("consent ingestion", applied, "ingested event"));
            report.add(baselineUsed.figure(
                    "ingestion baseline", bare.consumed(), "ingested event", "bare consumer, PostgreSQL and Kafka"));
        } catch (Exception e) {
            throw new IllegalStateException("Ingestion benchmark failed", e);
        }
    }

    private void produce(String topic, String runId, UUID[] people, Instant base) {
        publish(topic, runId, people, base, events);
    }

    /** Events 0 .. {@code events - 1} of a run (see {@link #event}) on {@code topic}, as fast as Kafka takes them. */
    static void publish(String topic, String runId, UUID[] people, Instant base, int events) {
        Properties props = kafka();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < events; i++) {
                String[] kv = event(runId, people, base, i);
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, kv[0], kv[1]);
                record.headers()
                        .add("content-type", CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
    }

    /** Whether {@code group} has committed every partition up to {@code offsets}. */
    private static boolean caughtUp(Admin admin, String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        return offsets.entrySet().stream().allMatch(sent -> {
            OffsetAndMetadata at = committed.get(sent.getKey());
            return sent.getValue() == 0 || at != null && at.offset() >= sent.getValue();
        });
    }

    private static void dropUnconsumed(Admin admin, String topic) throws Exception {
        Map<TopicPartition, RecordsToDelete> upTo = new java.util.HashMap<>();
        endOffsetsByPartition(topic).forEach((tp, end) -> upTo.put(tp, RecordsToDelete.beforeOffset(end)));
        admin.deleteRecords(upTo).all().get();
    }

    static long endOffsets(String topic) {
        return endOffsetsByPartition(topic).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    private static Map<TopicPartition, Long> endOffsetsByPartition(String topic) {
        Properties props = kafka();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            return consumer.endOffsets(consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList());
        }
    }
}
