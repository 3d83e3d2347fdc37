package org.gdprsuite.consent.messaging;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gdprsuite.consent.domain.InboundConsents;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code consent.inbound}: consent decisions from integrating systems, applied a poll at a time (one transaction
 * for its events; the channel is configured with {@code batch=true}); bad ones go to {@code consent.inbound.dlq}.
 */
@ApplicationScoped
public class InboundConsentConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    InboundConsents inbound;

    @Incoming("consent-inbound")
    @Blocking(ordered = true)
    public CompletionStage<Void> onEvents(KafkaRecordBatch<String, String> batch) {
        // Each event's source (the integrating system) is who recorded it.
        return consumer.consumeBatch(batch, InboundConsents.CONSUMER, inbound::applyAll);
    }
}
