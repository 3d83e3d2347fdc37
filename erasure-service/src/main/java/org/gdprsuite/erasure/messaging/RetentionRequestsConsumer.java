package org.gdprsuite.erasure.messaging;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.gdprsuite.erasure.domain.Requests;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.RetentionErasureRequested;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code contact.events}: a retention sweep matched a person, who is erased through the normal fan-out. */
@ApplicationScoped
public class RetentionRequestsConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    Requests requests;

    @Incoming("contact-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> onEvent(Message<String> message) {
        return consumer.consume(message, "contact-events", event -> {
            if (EventType.RETENTION_ERASURE_REQUESTED.type().equals(event.type())) {
                RetentionErasureRequested matched = event.dataAs(RetentionErasureRequested.class);
                requests.fromRetention(matched.personId(), matched.policy());
            }
        });
    }
}
