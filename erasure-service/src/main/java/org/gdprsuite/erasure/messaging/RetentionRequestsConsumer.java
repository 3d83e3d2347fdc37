package org.gdprsuite.erasure.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gdprsuite.erasure.domain.RetentionApprovals;
import org.gdprsuite.erasure.intake.Intake;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.InvalidEventException;
import org.gdprsuite.events.payload.RetentionErasureRequested;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code contact.events}: a retention sweep matched persons, who are erased through the fan-out as one batch, if the
 * DPO approved the sweep's policy with the criteria the event names. Any other is refused as invalid (it can never
 * succeed): nothing is inserted and it is dead-lettered at once with the reason, which names only the policy id.
 */
@ApplicationScoped
public class RetentionRequestsConsumer {

    private static final String RETENTION = EventType.RETENTION_ERASURE_REQUESTED.type();

    @Inject
    IdempotentConsumer consumer;

    @Inject
    Intake intake;

    @Inject
    RetentionApprovals approvals;

    /**
     * A poll's events (the channel has {@code batch=true}): a retention sweep writes one event per erased person
     * besides its own, so a poll at a time, not a hand-off per event, skips them.
     */
    @Incoming("contact-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> onEvents(KafkaRecordBatch<String, String> batch) {
        CompletionStage<Void> done = CompletableFuture.completedFuture(null);
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            // Every other change to persons (an erasure writes one per person) is none of this service's business:
            // skipped without a transaction. An event that does not parse goes on to be dead-lettered.
            if (isRetention(record.getPayload())) {
                CompletionStage<Void> handled = consumer.consume(record, "contact-events", this::apply);
                done = done.thenCompose(ignored -> handled);
            }
        }
        return done.thenCompose(ignored -> batch.ack());
    }

    private void apply(CloudEvent event) {
        RetentionErasureRequested matched = event.dataAs(RetentionErasureRequested.class);
        requireApproved(matched);
        if (!matched.personIds().isEmpty()) {
            intake.fromRetention(matched.personIds(), matched.policy());
        }
    }

    /** Checked in the transaction that inserts the requests: a revocation committed before is seen. */
    private void requireApproved(RetentionErasureRequested matched) {
        if (matched.policyId() == null) {
            throw new InvalidEventException("retention event without a policy id: refused, no DPO approval to check");
        }
        boolean approved = approvals
                .find(matched.policyId())
                .map(approval -> approval.covers(matched.policyId(), matched.criteria()))
                .orElse(false);
        if (!approved) {
            throw new InvalidEventException("retention policy " + matched.policyId()
                    + " is not approved by the DPO with these criteria: refused");
        }
    }

    private static boolean isRetention(String payload) {
        try {
            return RETENTION.equals(EventCodec.parse(payload).type());
        } catch (RuntimeException invalid) {
            return true;
        }
    }
}
