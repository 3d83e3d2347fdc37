package org.gdprsuite.consent.messaging;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.gdprsuite.consent.domain.InboundConsents;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code consent.inbound}: consent decisions from integrating systems; bad ones go to {@code consent.inbound.dlq}. */
@ApplicationScoped
public class InboundConsentConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    InboundConsents inbound;

    @Incoming("consent-inbound")
    @Blocking(ordered = true)
    public CompletionStage<Void> onEvent(Message<String> message) {
        // The event's source (the integrating system) is who recorded it.
        return consumer.consume(message, InboundConsents.CONSUMER, event -> inbound.apply(event, event.source()));
    }
}
