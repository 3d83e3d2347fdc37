package org.gdprsuite.erasure.messaging;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.gdprsuite.erasure.intake.Intake;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.RetentionErasureRequested;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code contact.events}: a retention sweep matched persons, who are erased through the fan-out as one batch. */
@ApplicationScoped
public class RetentionRequestsConsumer {

    private static final String RETENTION = EventType.RETENTION_ERASURE_REQUESTED.type();

    @Inject
    IdempotentConsumer consumer;

    @Inject
    Intake intake;

    @Incoming("contact-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> onEvent(Message<String> message) {
        if (!isRetention(message.getPayload())) {
            // Every other change to persons (an erasure writes one per person) is none of this service's business:
            // skipped without a transaction. An event that does not parse goes on to be dead-lettered.
            return message.ack();
        }
        return consumer.consume(message, "contact-events", event -> {
            RetentionErasureRequested matched = event.dataAs(RetentionErasureRequested.class);
            if (!matched.personIds().isEmpty()) {
                intake.fromRetention(matched.personIds(), matched.policy());
            }
        });
    }

    private static boolean isRetention(String payload) {
        try {
            return RETENTION.equals(EventCodec.parse(payload).type());
        } catch (RuntimeException invalid) {
            return true;
        }
    }
}
