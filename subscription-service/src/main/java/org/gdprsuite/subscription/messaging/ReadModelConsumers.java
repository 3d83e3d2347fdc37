package org.gdprsuite.subscription.messaging;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.ConsentStateChanged;
import org.gdprsuite.events.payload.PersonAnonymized;
import org.gdprsuite.events.payload.PersonCreated;
import org.gdprsuite.events.payload.PersonRestrictionChanged;
import org.gdprsuite.events.payload.PersonUpdated;
import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;
import org.gdprsuite.runtime.crypto.SubjectCipher;
import org.gdprsuite.runtime.crypto.SubjectKeys;
import org.gdprsuite.subscription.domain.SuiteMail;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Local read models of {@code contact.events} (address, restriction, anonymization) and
 * {@code consent.events} (allowed per purpose), so audiences and mail need no call to another service.
 * Events of one person arrive in order (keyed by person); an anonymized person stays anonymized.
 * The address arrives sealed with the person's data key and is kept sealed: erasing the person (destroying
 * the key) shreds this copy too, and a replayed event of an erased person leaves no address.
 */
@ApplicationScoped
public class ReadModelConsumers {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    EntityManager em;

    @Inject
    SuiteMail mail;

    @Inject
    SubjectCipher cipher;

    @Inject
    SubjectKeys keys;

    @Incoming("contact-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> onContactEvent(Message<String> message) {
        return consumer.consume(message, "contact-events", this::applyContact);
    }

    @Incoming("consent-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> onConsentEvent(Message<String> message) {
        return consumer.consume(message, "consent-events", event -> {
            if (EventType.CONSENT_STATE_CHANGED.type().equals(event.type())) {
                ConsentStateChanged state = event.dataAs(ConsentStateChanged.class);
                em.createNativeQuery("""
                        INSERT INTO consent_read_model (person_id, purpose, allowed, since, until) VALUES (?1, ?2, ?3, ?4, ?5)
                        ON CONFLICT (purpose, person_id) DO UPDATE SET allowed = EXCLUDED.allowed, since = EXCLUDED.since,
                            until = EXCLUDED.until
                        WHERE consent_read_model.since <= EXCLUDED.since
                        """).setParameter(1, state.personId()).setParameter(2, state.purpose())
                        .setParameter(3, state.allowed()).setParameter(4, state.since()).setParameter(5, state.until())
                        .executeUpdate();
            }
        });
    }

    private void applyContact(CloudEvent event) {
        EventType type = EventType.byType(event.type()).orElseThrow();
        switch (type) {
            case PERSON_CREATED -> {
                PersonCreated created = event.dataAs(PersonCreated.class);
                upsertAddress(created.personId(), keepEmail(created.personId(), created.email()), created.category(), event);
                mail.releasePending(created.personId());
            }
            case PERSON_UPDATED -> {
                PersonUpdated updated = event.dataAs(PersonUpdated.class);
                upsertAddress(updated.personId(), keepEmail(updated.personId(), updated.email()), updated.category(), event);
                mail.releasePending(updated.personId());
            }
            case PERSON_RESTRICTION_CHANGED -> {
                PersonRestrictionChanged restriction = event.dataAs(PersonRestrictionChanged.class);
                em.createNativeQuery("""
                        INSERT INTO contact_read_model (person_id, restricted, updated_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT (person_id) DO UPDATE SET restricted = EXCLUDED.restricted, updated_at = EXCLUDED.updated_at
                        """).setParameter(1, restriction.personId()).setParameter(2, restriction.restricted())
                        .setParameter(3, event.time()).executeUpdate();
            }
            case PERSON_ANONYMIZED -> {
                PersonAnonymized anonymized = event.dataAs(PersonAnonymized.class);
                em.createNativeQuery("""
                        INSERT INTO contact_read_model (person_id, anonymized, updated_at) VALUES (?1, true, ?2)
                        ON CONFLICT (person_id) DO UPDATE SET anonymized = true, email = NULL, updated_at = EXCLUDED.updated_at
                        """).setParameter(1, anonymized.personId()).setParameter(2, event.time()).executeUpdate();
                mail.dropPending(anonymized.personId());
                keys.forget(anonymized.personId().toString());
            }
            default -> {
                // other contact events are not needed here
            }
        }
    }

    private String keepEmail(java.util.UUID personId, String received) {
        return cipher.keepReceived(personId.toString(), SealedFields.EMAIL, received);
    }

    private void upsertAddress(java.util.UUID personId, String email, String category, CloudEvent event) {
        em.createNativeQuery("""
                INSERT INTO contact_read_model (person_id, email, category, updated_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (person_id) DO UPDATE SET email = EXCLUDED.email, category = EXCLUDED.category,
                    updated_at = EXCLUDED.updated_at
                WHERE NOT contact_read_model.anonymized
                """).setParameter(1, personId).setParameter(2, email).setParameter(3, category)
                .setParameter(4, event.time()).executeUpdate();
    }
}
