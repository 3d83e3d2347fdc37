package org.gdprsuite.subscription.messaging;

import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import javax.sql.DataSource;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.ConsentStateChanged;
import org.gdprsuite.events.payload.ConsentStateEvents;
import org.gdprsuite.events.payload.PersonAnonymized;
import org.gdprsuite.events.payload.PersonCreated;
import org.gdprsuite.events.payload.PersonRestrictionChanged;
import org.gdprsuite.events.payload.PersonUpdated;
import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;
import org.gdprsuite.runtime.crypto.SubjectCipher;
import org.gdprsuite.runtime.crypto.SubjectKeys;
import org.gdprsuite.runtime.db.ArrayColumns;
import org.gdprsuite.subscription.domain.SuiteMail;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Local read models of {@code contact.events} (address, restriction, anonymization) and
 * {@code consent.events} (allowed per purpose), so audiences and mail need no call to another service.
 * Events of one person arrive in order (keyed by person); an anonymized person stays anonymized.
 * The address arrives sealed with the person's data key and is kept sealed: erasing the person (destroying
 * the key) shreds this copy too, and a replayed event of an erased person leaves no address. The facts selections
 * filter on ({@link SelectionFacts}) are kept opened, since SQL compares them, and emptied at anonymization.
 */
@ApplicationScoped
public class ReadModelConsumers {

    /** At most one row per purpose × person (see {@link ConsentStateEvents}): a statement may not update a row twice. */
    private static final String UPSERT_CONSENTS = """
            INSERT INTO consent_read_model (person_id, purpose, allowed, since, until, reasons)
            SELECT * FROM unnest(?::uuid[], ?::varchar[], ?::boolean[], ?::timestamptz[], ?::timestamptz[],
                ?::varchar[])
            ON CONFLICT (purpose, person_id) DO UPDATE SET allowed = EXCLUDED.allowed, since = EXCLUDED.since,
                until = EXCLUDED.until, reasons = EXCLUDED.reasons
            WHERE consent_read_model.since <= EXCLUDED.since
            """;

    private static final List<Function<ConsentStateChanged, Object>> CONSENT_COLUMNS = List.of(
            ConsentStateChanged::personId,
            ConsentStateChanged::purpose,
            ConsentStateChanged::allowed,
            ConsentStateChanged::since,
            ConsentStateChanged::until,
            c -> String.join(",", c.reasons()));

    /** One row per person (the newest event time): a statement may not update a row twice. */
    private static final String ANONYMIZE = """
            INSERT INTO contact_read_model (person_id, anonymized, updated_at)
            SELECT p, true, t FROM unnest(?::uuid[], ?::timestamptz[]) AS u (p, t)
            ON CONFLICT (person_id) DO UPDATE SET anonymized = true, email = NULL, country = NULL,
                organisation_id = NULL, source = NULL, last_activity_at = NULL, updated_at = EXCLUDED.updated_at
            """;

    private static final List<Function<Map.Entry<UUID, Instant>, Object>> ANONYMIZE_COLUMNS =
            List.of(Map.Entry::getKey, Map.Entry::getValue);

    @Inject
    IdempotentConsumer consumer;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Inject
    SuiteMail mail;

    @Inject
    SubjectCipher cipher;

    @Inject
    SubjectKeys keys;

    /**
     * A poll at a time (the channel has {@code batch=true}), in order, in one transaction: a retention sweep
     * anonymizes persons by the thousand.
     */
    @Incoming("contact-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> onContactEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, "contact-events", this::applyContacts);
    }

    /**
     * Applies {@code events} in order; consecutive anonymized persons (a retention sweep or an erasure batch
     * publishes them by the hundred) are applied together, a statement for all of them.
     */
    public void applyContacts(List<CloudEvent> events) throws SQLException {
        Map<UUID, Instant> anonymized = new LinkedHashMap<>();
        for (CloudEvent event : events) {
            if (EventType.PERSON_ANONYMIZED.type().equals(event.type())) {
                anonymized.put(event.dataAs(PersonAnonymized.class).personId(), event.time());
            } else {
                anonymize(anonymized);
                applyContact(event);
            }
        }
        anonymize(anonymized);
    }

    /**
     * A poll at a time (the channel has {@code batch=true}): every consent change of the suite arrives here, and a
     * transaction per event kept this service busy for as long as a bulk ingestion lasted. The upsert keeps the
     * newer state, so an event applied again changes nothing: no event id is recorded (an index insert saved).
     */
    @Incoming("consent-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> onConsentEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeUpserts(batch, "consent-events", this::applyConsent);
    }

    /** Applies the states of {@code events} in one statement, with the effect of applying them one by one. */
    public void applyConsent(List<CloudEvent> events) throws SQLException {
        ArrayColumns.executeUpdate(
                dataSource, UPSERT_CONSENTS, ConsentStateEvents.newestPerPersonAndPurpose(events), CONSENT_COLUMNS);
    }

    private void applyContact(CloudEvent event) {
        EventType type = EventType.byType(event.type()).orElseThrow();
        switch (type) {
            case PERSON_CREATED -> {
                PersonCreated created = event.dataAs(PersonCreated.class);
                upsertAddress(
                        created.personId(),
                        keepEmail(created.personId(), created.email()),
                        created.category(),
                        SelectionFacts.opened(
                                cipher,
                                created.personId(),
                                created.country(),
                                created.organisationId(),
                                created.source(),
                                created.lastActivityAt()),
                        event.time(),
                        event);
                mail.releasePending(created.personId());
            }
            case PERSON_UPDATED -> {
                PersonUpdated updated = event.dataAs(PersonUpdated.class);
                upsertAddress(
                        updated.personId(),
                        keepEmail(updated.personId(), updated.email()),
                        updated.category(),
                        SelectionFacts.opened(
                                cipher,
                                updated.personId(),
                                updated.country(),
                                updated.organisationId(),
                                updated.source(),
                                updated.lastActivityAt()),
                        null,
                        event);
                mail.releasePending(updated.personId());
            }
            case PERSON_RESTRICTION_CHANGED -> {
                PersonRestrictionChanged restriction = event.dataAs(PersonRestrictionChanged.class);
                em.createNativeQuery("""
                        INSERT INTO contact_read_model (person_id, restricted, updated_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT (person_id) DO UPDATE SET restricted = EXCLUDED.restricted, updated_at = EXCLUDED.updated_at
                        """)
                        .setParameter(1, restriction.personId())
                        .setParameter(2, restriction.restricted())
                        .setParameter(3, event.time())
                        .executeUpdate();
            }
            default -> {
                // other contact events are not needed here
            }
        }
    }

    /** The persons are anonymized: no address, no waiting mail, their key forgotten here too. Empties {@code persons}. */
    private void anonymize(Map<UUID, Instant> persons) throws SQLException {
        if (persons.isEmpty()) {
            return;
        }
        ArrayColumns.executeUpdate(dataSource, ANONYMIZE, List.copyOf(persons.entrySet()), ANONYMIZE_COLUMNS);
        mail.dropPending(persons.keySet());
        persons.keySet().forEach(person -> keys.forget(person.toString()));
        persons.clear();
    }

    private String keepEmail(java.util.UUID personId, String received) {
        return cipher.keepReceived(personId.toString(), SealedFields.EMAIL, received);
    }

    /** {@code createdAt}: the person's creation (selections filter on it), null for an update. */
    private void upsertAddress(
            UUID personId, String email, String category, SelectionFacts facts, Instant createdAt, CloudEvent event) {
        em.createNativeQuery("""
                INSERT INTO contact_read_model (person_id, email, category, country, organisation_id, source,
                    last_activity_at, updated_at, created_at)
                VALUES (?1, ?2, ?3, ?6, ?7, ?8, CAST(?9 AS timestamptz), ?4, CAST(?5 AS timestamptz))
                ON CONFLICT (person_id) DO UPDATE SET email = EXCLUDED.email, category = EXCLUDED.category,
                    country = EXCLUDED.country, organisation_id = EXCLUDED.organisation_id, source = EXCLUDED.source,
                    last_activity_at = greatest(contact_read_model.last_activity_at, EXCLUDED.last_activity_at),
                    updated_at = EXCLUDED.updated_at,
                    created_at = coalesce(contact_read_model.created_at, EXCLUDED.created_at)
                WHERE NOT contact_read_model.anonymized
                """)
                .setParameter(1, personId)
                .setParameter(2, email)
                .setParameter(3, category)
                .setParameter(4, event.time())
                .setParameter(5, createdAt == null ? null : createdAt.toString())
                .setParameter(6, facts.country())
                .setParameter(7, facts.organisationId())
                .setParameter(8, facts.source())
                .setParameter(
                        9,
                        facts.lastActivityAt() == null
                                ? null
                                : facts.lastActivityAt().toString())
                .executeUpdate();
    }
}
