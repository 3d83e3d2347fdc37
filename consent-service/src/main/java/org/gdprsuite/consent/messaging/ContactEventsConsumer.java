package org.gdprsuite.consent.messaging;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.gdprsuite.consent.domain.ConsentLedger;
import org.gdprsuite.consent.domain.ConsentRequests;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.PersonAnonymized;
import org.gdprsuite.events.payload.PersonCreated;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code contact.events}: a new person gets the default legal bases and, if configured, consent requests;
 * an anonymized person's evidence is erased and nothing allows processing them any more.
 */
@ApplicationScoped
public class ContactEventsConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    ConsentRequests requests;

    @Inject
    ConsentLedger ledger;

    @Incoming("contact-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> onEvent(Message<String> message) {
        return consumer.consume(message, "contact-events", event -> {
            if (EventType.PERSON_CREATED.type().equals(event.type())) {
                requests.onPersonCreated(event.dataAs(PersonCreated.class), event.time());
            } else if (EventType.PERSON_ANONYMIZED.type().equals(event.type())) {
                ledger.erase(List.of(event.dataAs(PersonAnonymized.class).personId()));
            }
        });
    }
}
