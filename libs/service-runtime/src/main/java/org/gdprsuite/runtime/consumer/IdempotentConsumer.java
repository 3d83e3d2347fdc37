package org.gdprsuite.runtime.consumer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.InvalidEventException;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Applies consumed events exactly once in effect: the event id is recorded in {@code processed_event}
 * in the same transaction as the handler's effect, so a redelivered event changes nothing. A failing
 * handler is retried with exponential back-off; an event that still fails, or that does not parse or
 * validate, is nacked, which the channel's {@code dead-letter-queue} failure strategy sends to
 * {@code <topic>.dlq} with the error in the {@code dead-letter-reason} header, and the partition moves on.
 *
 * <p>Use from an {@code @Incoming} method annotated {@code @Blocking(ordered = true)} (order per key
 * is the order of the partition):
 * <pre>return consumer.consume(message, "consent-inbound", event -> apply(event));</pre>
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "gdpr.consumer.attempts", defaultValue = "4")
    int attempts;

    @ConfigProperty(name = "gdpr.consumer.first-backoff", defaultValue = "100ms")
    Duration firstBackoff;

    /** Processed ids are needed only as long as a redelivery can happen. */
    @ConfigProperty(name = "gdpr.consumer.processed-retention", defaultValue = "P30D")
    Duration processedRetention;

    public enum Result {
        APPLIED, DUPLICATE
    }

    public CompletionStage<Void> consume(Message<String> message, String consumer, EventHandler handler) {
        try {
            CloudEvent event = EventCodec.parse(message.getPayload());
            Result result = applyWithRetries(event, consumer, handler);
            count(consumer, result.name().toLowerCase());
            return message.ack();
        } catch (RuntimeException e) {
            count(consumer, "dead_lettered");
            // The reason names the failure, never the payload; the original record is in the DLQ.
            LOG.warnf("Event dead-lettered by %s: %s", consumer, e.getMessage());
            return message.nack(e);
        }
    }

    /** Applies {@code event} once: runs {@code handler} unless {@code consumer} has already processed the event. */
    public Result applyOnce(CloudEvent event, String consumer, EventHandler handler) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!markProcessed(consumer, event.id())) {
                return Result.DUPLICATE;
            }
            handler.handle(event);
            return Result.APPLIED;
        });
    }

    private Result applyWithRetries(CloudEvent event, String consumer, EventHandler handler) {
        long backoff = firstBackoff.toMillis();
        for (int attempt = 1;; attempt++) {
            try {
                return applyOnce(event, consumer, handler);
            } catch (InvalidEventException e) {
                throw e;
            } catch (RuntimeException e) {
                InvalidEventException invalid = causeOfType(e, InvalidEventException.class);
                if (invalid != null) {
                    throw invalid;
                }
                if (attempt >= attempts) {
                    throw new IllegalStateException("failed after " + attempt + " attempts: " + rootCause(e), e);
                }
                sleep(backoff);
                backoff *= 4;
            }
        }
    }

    private boolean markProcessed(String consumer, String eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumer);
            insert.setString(2, eventId);
            return insert.executeUpdate() == 1;
        }
    }

    @Scheduled(every = "1h", delayed = "5m")
    void pruneProcessed() {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection(); PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM processed_event WHERE processed_at < now() - make_interval(secs => ?)")) {
                delete.setLong(1, processedRetention.toSeconds());
                delete.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not prune processed events", e);
            }
        });
    }

    private void count(String consumer, String outcome) {
        metrics.counter("gdpr.events.consumed", "consumer", consumer, "outcome", outcome).increment();
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Exception class names only: database and driver messages may quote personal values. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getName();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
