package org.gdprsuite.bench;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The ingestion baseline: a bare consumer that reads consent events from a topic of its own, parses them and inserts
 * the rows of each poll in one JDBC batch into a plain table of consent-service's database, then commits the
 * transaction and the offsets. It runs on a thread of its own until it has consumed {@code expected} records or is
 * interrupted, and measures that thread's CPU.
 */
final class BareConsumer implements Runnable {

    private static final String TABLE = "bench.consent_baseline";

    private final String topic;
    private final int expected;
    private final AtomicLong consumed = new AtomicLong();
    private volatile long cpuNanos;

    BareConsumer(String topic, int expected) {
        this.topic = topic;
        this.expected = expected;
    }

    /** The baseline's table, created afresh. */
    static void createTable(Connection consent) {
        Db.execute(consent, "CREATE SCHEMA IF NOT EXISTS bench");
        Db.execute(consent, "DROP TABLE IF EXISTS " + TABLE);
        Db.execute(
                consent,
                "CREATE TABLE " + TABLE + " (event_id varchar(200) PRIMARY KEY, person_id uuid,"
                        + " purpose_key varchar(100), status varchar(40), legal_basis varchar(40), effective_at timestamptz,"
                        + " source varchar(40), channel varchar(100), notice_version varchar(100), recorded_by varchar(200))");
    }

    static void dropTable(Connection consent) {
        Db.execute(consent, "DROP TABLE " + TABLE);
    }

    long consumed() {
        return consumed.get();
    }

    /** The consumer thread's CPU, once it has ended. */
    double cpuMillis() {
        return cpuNanos / 1e6;
    }

    @Override
    public void run() {
        Properties props = IngestionBench.kafka();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (KafkaConsumer<String, String> consumer =
                        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
                Connection db = Db.connect("consent")) {
            db.setAutoCommit(false);
            consumer.subscribe(List.of(topic));
            PreparedStatement insert = db.prepareStatement("INSERT INTO " + TABLE
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING");
            while (consumed.get() < expected && !Thread.currentThread().isInterrupted()) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<String, String> record : records) {
                    bind(insert, Http.JSON.readTree(record.value()));
                    insert.addBatch();
                }
                insert.executeBatch();
                consumed.addAndGet(records.count());
                db.commit();
                consumer.commitSync();
            }
        } catch (org.apache.kafka.common.errors.InterruptException stopped) {
            // the cap
        } catch (Exception e) {
            throw new IllegalStateException("Baseline consumer failed", e);
        } finally {
            cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        }
    }

    private static void bind(PreparedStatement insert, JsonNode event) throws java.sql.SQLException {
        JsonNode data = event.get("data");
        insert.setString(1, event.get("id").asText());
        insert.setObject(2, UUID.fromString(data.get("personId").asText()));
        insert.setString(3, data.get("purpose").asText());
        insert.setString(4, data.get("status").asText());
        insert.setString(5, data.get("legalBasis").asText());
        insert.setTimestamp(
                6, Timestamp.from(Instant.parse(data.get("effectiveAt").asText())));
        insert.setString(7, data.get("source").asText());
        insert.setString(8, data.path("channel").asText(null));
        insert.setString(9, data.path("noticeVersion").asText(null));
        insert.setString(10, event.get("source").asText());
    }
}
