package org.gdprsuite.contact.messaging;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.ConsentStateChanged;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;

import io.quarkus.hibernate.orm.panache.Panache;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code consent.events} → whether any purpose currently allows processing a person: the "no valid
 * legal basis" criterion of retention policies and the compliance report. Newer states win.
 */
@ApplicationScoped
public class ConsentEventsConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Incoming("consent-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> onEvent(Message<String> message) {
        return consumer.consume(message, "consent-events", event -> {
            if (!EventType.CONSENT_STATE_CHANGED.type().equals(event.type())) {
                return;
            }
            ConsentStateChanged state = event.dataAs(ConsentStateChanged.class);
            Panache.getEntityManager().createNativeQuery("""
                    INSERT INTO person_legal_basis (person_id, purpose, allowed, since) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT (person_id, purpose) DO UPDATE SET allowed = EXCLUDED.allowed, since = EXCLUDED.since
                    WHERE person_legal_basis.since <= EXCLUDED.since
                    """).setParameter(1, state.personId()).setParameter(2, state.purpose())
                    .setParameter(3, state.allowed()).setParameter(4, state.since()).executeUpdate();
        });
    }
}
