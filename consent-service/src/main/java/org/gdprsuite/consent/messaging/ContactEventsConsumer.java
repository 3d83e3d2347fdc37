package org.gdprsuite.consent.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gdprsuite.consent.domain.ConsentRequests;
import org.gdprsuite.consent.domain.InboundConsents;
import org.gdprsuite.consent.domain.InformationMails;
import org.gdprsuite.consent.domain.LedgerMaintenance;
import org.gdprsuite.consent.domain.PendingSubjects;
import org.gdprsuite.consent.domain.SubjectStates;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.PersonAnonymized;
import org.gdprsuite.events.payload.PersonCreated;
import org.gdprsuite.events.payload.PersonRestrictionChanged;
import org.gdprsuite.events.payload.PersonUpdated;
import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;
import org.gdprsuite.runtime.crypto.SubjectCipher;
import org.gdprsuite.runtime.crypto.TamperedException;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code contact.events}: a person contact-service announces (created, or updated: it exists) becomes known, so
 * records may be made for them; a new person gets the default legal bases and, if configured, consent requests;
 * a restriction (Art. 18) or its lifting turns the person's decisions; an anonymized person's evidence is erased
 * and nothing allows processing them any more. Consents from Kafka that waited for an announced person are
 * recorded after what the announcement brings, as if they had come just after it, and then a new person's
 * information mail due at once is sent (telling the bases those records left in force); pending subjects named by the
 * person's address attach to them ({@link PendingSubjects}).
 */
@ApplicationScoped
public class ContactEventsConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    ConsentRequests requests;

    @Inject
    LedgerMaintenance maintenance;

    @Inject
    SubjectStates subjects;

    @Inject
    InboundConsents inbound;

    @Inject
    PendingSubjects pending;

    @Inject
    SubjectCipher cipher;

    @Inject
    InformationMails informationMails;

    /**
     * A poll at a time (the channel has {@code batch=true}): a retention sweep anonymizes persons by the
     * thousand, and a transaction per event kept this service busy long after.
     */
    @Incoming("contact-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> onEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, "contact-events", this::apply);
    }

    /**
     * Applies {@code events} in order; consecutive anonymized persons are erased together, and the consents that
     * waited for persons announced in a row are recorded together, before a later erasure.
     */
    public void apply(List<CloudEvent> events) {
        List<UUID> anonymized = new ArrayList<>();
        List<UUID> announced = new ArrayList<>();
        for (CloudEvent event : events) {
            EventType type = EventType.byType(event.type()).orElse(null);
            if (type == EventType.PERSON_ANONYMIZED) {
                release(announced);
                anonymized.add(event.dataAs(PersonAnonymized.class).personId());
                continue;
            }
            erase(anonymized);
            if (type == EventType.PERSON_CREATED) {
                PersonCreated created = event.dataAs(PersonCreated.class);
                // Attach first: a consent the person gave before they were in the CRM outranks the defaults.
                pending.announced(created.personId(), email(created.personId(), created.email()));
                requests.onPersonCreated(created, event.time());
                announced.add(created.personId());
            } else if (type == EventType.PERSON_UPDATED) {
                PersonUpdated updated = event.dataAs(PersonUpdated.class);
                subjects.known(List.of(updated.personId()));
                pending.announced(updated.personId(), email(updated.personId(), updated.email()));
                announced.add(updated.personId());
            } else if (type == EventType.PERSON_RESTRICTION_CHANGED) {
                PersonRestrictionChanged change = event.dataAs(PersonRestrictionChanged.class);
                subjects.restricted(change.personId(), change.restricted());
            }
        }
        release(announced);
        erase(anonymized);
    }

    /**
     * The person's address as contact-service sent it, sealed under the person's key: opened only to index it as a
     * keyed hash (never kept); empty if none, or if the person was erased meanwhile.
     */
    private Optional<String> email(UUID personId, String sealed) {
        try {
            return cipher.openReceived(personId.toString(), SealedFields.EMAIL, sealed);
        } catch (TamperedException tampered) {
            return Optional.empty();
        }
    }

    private void release(List<UUID> announced) {
        if (!announced.isEmpty()) {
            inbound.announced(List.copyOf(announced));
            // The information mail due at once goes now, telling the bases in force with the records that waited.
            informationMails.sendDue(List.copyOf(announced));
            announced.clear();
        }
    }

    private void erase(List<UUID> anonymized) {
        if (!anonymized.isEmpty()) {
            maintenance.erase(List.copyOf(anonymized));
            anonymized.clear();
        }
    }
}
