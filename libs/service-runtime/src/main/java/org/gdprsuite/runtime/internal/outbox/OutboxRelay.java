package org.gdprsuite.runtime.internal.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.runtime.internal.config.KafkaConfig;
import org.gdprsuite.runtime.internal.config.OutboxConfig;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Publishes committed outbox rows to Kafka in outbox order (so in order per key) and deletes them once Kafka
 * has them (the table holds only what is pending).
 * Runs right after each commit that wrote to the outbox and, as a safety net, every poll interval (rows
 * left by a crash, or written by another replica). Replicas take turns through a PostgreSQL advisory
 * lock, so a row is published once in normal operation; after a failure between send and delete a row may
 * be published again, which idempotent consumers absorb.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** One relay per database at a time, whatever the number of replicas ("gdpr-outbox"). */
    public static final long RELAY_LOCK = 0x6764_7072_6f75_7478L;

    private static final String PENDING = """
            SELECT seq, topic, record_key, envelope, traceparent FROM outbox_event ORDER BY seq LIMIT ?
            """;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry metrics;

    /**
     * Kafka's own keys (kafka.*: servers, security protocol, the service's SASL login), the very settings of the
     * messaging connector's consumers: the relay publishes as the same principal, under the same ACLs.
     */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaClient;

    @Inject
    KafkaConfig kafka;

    @Inject
    OutboxConfig settings;

    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();
    private volatile long lagRefreshedAt = System.nanoTime();
    private Counter published;
    private KafkaProducer<String, String> producer;
    private ScheduledExecutorService executor;

    void onStart(@Observes StartupEvent event) {
        published = Counter.builder("gdpr.outbox.published")
                .description("Outbox events published to Kafka")
                .register(metrics);
        Gauge.builder("gdpr.outbox.pending", pending, AtomicLong::get)
                .description("Outbox events committed but not yet published")
                .register(metrics);
        Gauge.builder("gdpr.outbox.oldest.pending.seconds", oldestPendingSeconds, AtomicLong::get)
                .description("Age of the oldest unpublished outbox event (outbox lag)")
                .register(metrics);
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts relaying: pending rows (also those left by a crash) are published at once. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        Properties config = new Properties();
        config.putAll(kafkaClient);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // Idempotence keeps per-partition order through the producer's own retries.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        // CloudEvents JSON compresses several times over; lz4 costs little CPU.
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, settings.maxEventBytes());
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outbox-relay"));
        executor.scheduleWithFixedDelay(this::drain, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops relaying; committed rows stay in the outbox until a relay starts again. */
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        executor = null;
        producer = null;
    }

    /** Asks for a relay run soon (after a commit that wrote to the outbox). */
    public void wake() {
        ScheduledExecutorService current = executor;
        if (current != null && wakeQueued.compareAndSet(false, true)) {
            try {
                current.execute(() -> {
                    wakeQueued.set(false);
                    drain();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                wakeQueued.set(false);
            }
        }
    }

    private void drain() {
        try {
            while (relayBatch() == settings.batchSize()) {
                // a full batch: more may be waiting
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Outbox relay attempt failed, pending events stay in the outbox and are retried: %s", e.toString());
        }
    }

    private int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!tryRelayLock(connection)) {
                    return 0;
                }
                List<Long> sent = publishPending(connection);
                delete(connection, sent);
                if (sent.size() < settings.batchSize()
                        || System.nanoTime() - lagRefreshedAt
                                > settings.pollInterval().toNanos()) {
                    // Counting a large backlog after every batch would cost more than relaying it.
                    refreshLag(connection);
                    lagRefreshedAt = System.nanoTime();
                }
                published.increment(sent.size());
                return sent.size();
            }
        });
    }

    private static boolean tryRelayLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private List<Long> publishPending(Connection connection) throws Exception {
        List<Long> seqs = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        String prefix = kafka.topicPrefix().orElse("");
        try (PreparedStatement select = connection.prepareStatement(PENDING)) {
            select.setInt(1, settings.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ProducerRecord<String, String> record = new ProducerRecord<>(
                            prefix + rs.getString("topic"), rs.getString("record_key"), rs.getString("envelope"));
                    record.headers()
                            .add("content-type", CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                    String traceparent = rs.getString("traceparent");
                    if (traceparent != null) {
                        record.headers().add(TraceContext.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
                    }
                    acks.add(producer.send(record));
                    seqs.add(rs.getLong("seq"));
                }
            }
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
        return seqs;
    }

    /** Published rows go: a crash before this commit publishes them again, which idempotent consumers absorb. */
    private static void delete(Connection connection, List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_event WHERE seq = ANY (?)")) {
            delete.setArray(1, connection.createArrayOf("bigint", seqs.toArray()));
            delete.executeUpdate();
        }
    }

    private void refreshLag(Connection connection) throws SQLException {
        try (PreparedStatement lag = connection.prepareStatement("""
                SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM outbox_event
                """);
                ResultSet rs = lag.executeQuery()) {
            rs.next();
            pending.set(rs.getLong(1));
            oldestPendingSeconds.set(rs.getLong(2));
        }
    }
}
