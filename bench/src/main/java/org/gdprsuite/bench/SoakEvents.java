package org.gdprsuite.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.Topics;

import com.fasterxml.jackson.databind.JsonNode;

import static org.gdprsuite.bench.SoakChecks.count;
import static org.gdprsuite.bench.SoakChecks.waitFor;

/**
 * The soak's consent events on {@code consent.inbound}, and afterwards whether consent-service applied each
 * exactly once and ended at the newest decision of every person and purpose.
 */
final class SoakEvents {

    private final String runId;
    private final Duration duration;
    private final int rate;
    private final UUID[] people =
            IntStream.range(0, 2_000).mapToObj(i -> UUID.randomUUID()).toArray(UUID[]::new);
    private final AtomicLong sent = new AtomicLong();
    private final Map<String, String[]> newestDecision = new HashMap<>(); // person|purpose → {effective, status}

    SoakEvents(String runId, Duration duration, int rate) {
        this.runId = runId;
        this.duration = duration;
        this.rate = rate;
    }

    /** Consent events at a steady rate, as IngestionBench makes them; remembers the newest decision per pair. */
    void publish(long start) {
        Db.announceToConsentService(people);
        Properties props = IngestionBench.kafka();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        Instant base = Instant.now().minus(Duration.ofDays(400));
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            long total = duration.toSeconds() * rate;
            for (int i = 0; i < total; i++) {
                long due = start + ConstantRateLoad.dueOffsetNanos(i, rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String[] kv = IngestionBench.event(runId, people, base, i);
                JsonNode event = Http.JSON.readTree(kv[1]);
                JsonNode data = event.get("data");
                String pair = data.get("personId").asText() + "|"
                        + data.get("purpose").asText();
                String effective = data.get("effectiveAt").asText();
                String[] newest = newestDecision.get(pair);
                if (newest == null || Instant.parse(effective).isAfter(Instant.parse(newest[0]))) {
                    newestDecision.put(
                            pair, new String[] {effective, data.get("status").asText()});
                }
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CONSENT_INBOUND, kv[0], kv[1]);
                record.headers()
                        .add("content-type", CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                producer.send(record);
                sent.incrementAndGet();
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish the soak's consent events", e);
        }
    }

    void check(Report report) {
        long unique = IngestionBench.unique((int) sent.get());
        try (Connection consent = Db.connect("consent")) {
            long applied = waitFor(
                    () -> Db.number(
                            consent, "SELECT count(*) FROM consent_record WHERE recorded_by = ?", "bench-" + runId),
                    n -> n >= unique);
            report.add(Figure.info(
                    "consent events sent",
                    sent.get(),
                    "",
                    Report.number(sent.get() - unique)
                            + " of them re-sent duplicates, 1 in 20 older than the decision before it"));
            report.add(count(
                    "consent events lost (not in the ledger)",
                    Math.max(0, unique - applied),
                    0,
                    Report.number(applied) + " of " + Report.number(unique) + " unique events in the ledger"));
            report.add(count(
                    "consent events applied twice",
                    Math.max(0, applied - unique),
                    0,
                    "duplicates re-sent with the same id"));
            long wrong = 0;
            try (PreparedStatement s = consent.prepareStatement("SELECT person_id, purpose_key, status, effective_at "
                    + "FROM consent_state WHERE person_id = ANY(?)")) {
                s.setArray(1, consent.createArrayOf("uuid", people));
                Map<String, String[]> seen = new HashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        seen.put(
                                r.getString(1) + "|" + r.getString(2),
                                new String[] {r.getTimestamp(4).toInstant().toString(), r.getString(3)});
                    }
                }
                for (Map.Entry<String, String[]> expected : newestDecision.entrySet()) {
                    String[] state = seen.get(expected.getKey());
                    // PostgreSQL keeps microseconds; the events carry the JVM clock's nanoseconds.
                    if (state == null
                            || !state[1].equals(expected.getValue()[1])
                            || Math.abs(Duration.between(Instant.parse(state[0]), Instant.parse(expected.getValue()[0]))
                                            .toNanos())
                                    >= 1_000) {
                        wrong++;
                    }
                }
            }
            report.add(count(
                    "consent states not at the newest decision",
                    wrong,
                    0,
                    "of " + Report.number(newestDecision.size()) + " person × purpose pairs"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
