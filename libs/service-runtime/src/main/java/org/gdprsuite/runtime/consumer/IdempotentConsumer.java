package org.gdprsuite.runtime.consumer;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.InvalidEventException;
import org.gdprsuite.runtime.internal.consumer.EventRetries;
import org.gdprsuite.runtime.internal.consumer.ProcessedEvents;
import org.gdprsuite.runtime.internal.db.DatabaseOutage;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Applies consumed events exactly once in effect: the event id is recorded in {@code processed_event}
 * in the same transaction as the handler's effect, so a redelivered event changes nothing. A failing
 * handler is retried with exponential back-off (while the database is unreachable the event simply waits,
 * see {@link DatabaseOutage}); an event that still fails, or that does not parse or
 * validate, is nacked, which the channel's {@code dead-letter-queue} failure strategy sends to
 * {@code <topic>.dlq} with the error in the {@code dead-letter-reason} header, and the partition moves on.
 *
 * <p>Use from an {@code @Incoming} method annotated {@code @Blocking(ordered = true)} (order per key
 * is the order of the partition):
 * <pre>return consumer.consume(message, "contact-events", event -> apply(event));</pre>
 * or, for a high-volume channel, {@link #consumeBatch} to apply each poll's events in one transaction.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    @Inject
    ProcessedEvents processed;

    @Inject
    EventRetries retries;

    @Inject
    MeterRegistry metrics;

    public enum Result {
        APPLIED,
        DUPLICATE
    }

    public CompletionStage<Void> consume(Message<String> message, String consumer, EventHandler handler) {
        try {
            CloudEvent event = EventCodec.parse(message.getPayload());
            Result result = applyWithRetries(event, consumer, handler, true);
            count(consumer, result.name().toLowerCase(), 1);
            return message.ack();
        } catch (RuntimeException e) {
            return deadLetter(message, e, consumer);
        }
    }

    /**
     * Applies the events of one poll in one transaction, with the guarantees of {@link #consume}: their ids
     * are recorded as processed in one statement (an event already processed, or twice in the batch, is
     * applied once) and {@code handler} applies the new ones together. A record that does not parse is
     * dead-lettered and the others go on. A batch that fails (an event only the handler finds bad, a
     * conflict) leaves nothing behind and is split in halves, down to single events retried as
     * {@link #consume} does: the good events are applied, each bad one is dead-lettered alone.
     *
     * <p>Use on a channel with {@code batch=true} and {@code commit-strategy=latest} (batches are handled one
     * after the other, and a dead-lettered record is acknowledged on its own, before the rest of its batch),
     * from an {@code @Incoming} method annotated {@code @Blocking(ordered = true)}:
     * <pre>return consumer.consumeBatch(batch, "consent-inbound", events -> applyAll(events));</pre>
     */
    public <K> CompletionStage<Void> consumeBatch(
            KafkaRecordBatch<K, String> batch, String consumer, BatchHandler handler) {
        return consumeBatch(batch, consumer, handler, true);
    }

    /**
     * {@link #consumeBatch} for a handler that leaves the same state however often an event is applied again (an
     * upsert that keeps the newer state of a read model): no id is recorded, which spares the database an index
     * insert per event. Redelivered events come again in partition order, so they end where they ended before.
     */
    public <K> CompletionStage<Void> consumeUpserts(
            KafkaRecordBatch<K, String> batch, String consumer, BatchHandler handler) {
        return consumeBatch(batch, consumer, handler, false);
    }

    private <K> CompletionStage<Void> consumeBatch(
            KafkaRecordBatch<K, String> batch, String consumer, BatchHandler handler, boolean recordIds) {
        List<KafkaRecord<K, String>> records = new ArrayList<>();
        List<CloudEvent> events = new ArrayList<>();
        Map<KafkaRecord<K, String>, RuntimeException> dead = new IdentityHashMap<>();
        for (KafkaRecord<K, String> record : batch.getRecords()) {
            try {
                events.add(EventCodec.parse(record.getPayload()));
                records.add(record);
            } catch (InvalidEventException e) {
                dead.put(record, e);
            }
        }
        applyOrSplit(records, events, consumer, handler, recordIds, dead);
        // Dead-lettering acknowledges a record (and may commit its offset): only once the effects are committed.
        CompletionStage<Void> done = CompletableFuture.completedFuture(null);
        for (KafkaRecord<K, String> record : batch.getRecords()) {
            RuntimeException failure = dead.get(record);
            if (failure != null) {
                done = done.thenCompose(ignored -> deadLetter(record, failure, consumer));
            }
        }
        return done.thenCompose(ignored -> batch.ack());
    }

    private <K> void applyOrSplit(
            List<KafkaRecord<K, String>> records,
            List<CloudEvent> events,
            String consumer,
            BatchHandler handler,
            boolean recordIds,
            Map<KafkaRecord<K, String>, RuntimeException> dead) {
        if (events.size() == 1) {
            try {
                Result result =
                        applyWithRetries(events.get(0), consumer, event -> handler.handle(List.of(event)), recordIds);
                count(consumer, result.name().toLowerCase(), 1);
            } catch (RuntimeException e) {
                dead.put(records.get(0), e);
            }
            return;
        }
        if (events.isEmpty()) {
            return;
        }
        try {
            int applied = DatabaseOutage.retryWhileAway(consumer, () -> apply(events, consumer, handler, recordIds));
            count(consumer, "applied", applied);
            count(consumer, "duplicate", events.size() - applied);
        } catch (RuntimeException batchFailed) {
            LOG.debugf(
                    "A batch of %d events failed (%s); applying it in halves",
                    events.size(), EventRetries.rootCause(batchFailed));
            // Halves keep the order of the events; a bad one costs a few smaller transactions, not the batch.
            int half = events.size() / 2;
            applyOrSplit(records.subList(0, half), events.subList(0, half), consumer, handler, recordIds, dead);
            applyOrSplit(
                    records.subList(half, events.size()),
                    events.subList(half, events.size()),
                    consumer,
                    handler,
                    recordIds,
                    dead);
        }
    }

    private CompletionStage<Void> deadLetter(Message<String> message, RuntimeException e, String consumer) {
        count(consumer, "dead_lettered", 1);
        // The reason names the failure, never the payload; the original record is in the DLQ.
        LOG.warnf("Event dead-lettered by %s: %s", consumer, e.getMessage());
        return message.nack(e);
    }

    /** Applies {@code event} once: runs {@code handler} unless {@code consumer} has already processed the event. */
    public Result applyOnce(CloudEvent event, String consumer, EventHandler handler) {
        return applyOne(event, consumer, handler, true);
    }

    private Result applyOne(CloudEvent event, String consumer, EventHandler handler, boolean recordIds) {
        return apply(List.of(event), consumer, events -> handler.handle(events.get(0)), recordIds) == 1
                ? Result.APPLIED
                : Result.DUPLICATE;
    }

    /**
     * Applies those of {@code events} that {@code consumer} has not processed yet, each once and in order, in
     * one transaction with recording them as processed; returns how many were applied.
     */
    public int applyAllOnce(List<CloudEvent> events, String consumer, BatchHandler handler) {
        return apply(events, consumer, handler, true);
    }

    private int apply(List<CloudEvent> events, String consumer, BatchHandler handler, boolean recordIds) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<CloudEvent> fresh = recordIds ? processed.markProcessed(consumer, events) : events;
            if (!fresh.isEmpty()) {
                handler.handle(fresh);
            }
            return fresh.size();
        });
    }

    private Result applyWithRetries(CloudEvent event, String consumer, EventHandler handler, boolean recordIds) {
        return retries.apply(consumer, () -> applyOne(event, consumer, handler, recordIds));
    }

    private void count(String consumer, String outcome, int events) {
        if (events > 0) {
            metrics.counter("gdpr.events.consumed", "consumer", consumer, "outcome", outcome)
                    .increment(events);
        }
    }
}
