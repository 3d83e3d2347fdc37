package org.gdprsuite.consent.domain;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.ObjectionChanged;
import org.gdprsuite.runtime.outbox.Outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The one place that writes what the suite tells consent-service about a person besides bases: known
 * (announced by contact-service), restricted, erased, opted out, objected. A change that can turn a decision
 * is published again on {@code consent.events} for each of the person's purposes, in the same transaction, so
 * read models elsewhere answer as the decision API does.
 */
@ApplicationScoped
public class SubjectStates {

    /** The person flags of {@code subject_state}; the enum keeps column names out of reach of input. */
    enum Flag {
        RESTRICTED("restricted"),
        ERASED("erased"),
        OPTED_OUT("opted_out"),
        OBJECTED_ALL("objected_all"),
        OBJECTED_DIRECT_MARKETING("objected_direct_marketing");

        final String column;

        Flag(String column) {
            this.column = column;
        }
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Decisions decisions;

    @Inject
    Outbox outbox;

    /** contact-service announced these persons: records may be made for them from now on. */
    @Transactional
    public void known(List<UUID> personIds) {
        em.createNativeQuery("""
                INSERT INTO subject_state (person_id, known, updated_at)
                SELECT DISTINCT unnest(CAST(?1 AS uuid[])), true, CAST(?2 AS timestamptz)
                ON CONFLICT (person_id) DO UPDATE SET known = true, updated_at = EXCLUDED.updated_at
                WHERE NOT subject_state.known
                """)
                .setParameter(1, personIds.toArray(UUID[]::new))
                .setParameter(2, clock.instant())
                .executeUpdate();
    }

    /** Refuses records for persons no service announced ({@link UnknownPersonException}): no orphans. */
    public void requireKnown(Collection<UUID> personIds) {
        if (!unknownOf(personIds).isEmpty()) {
            throw new UnknownPersonException();
        }
    }

    /** Those of {@code personIds} no service announced. */
    public Set<UUID> unknownOf(Collection<UUID> personIds) {
        Set<UUID> unknown = new HashSet<>(personIds);
        unknown.removeAll(knownOf(personIds).keySet());
        return unknown;
    }

    /**
     * Those of {@code personIds} records may be made for, each with whether it is a pending subject (named by an
     * address or external id only, see {@link SubjectDirectory}) rather than a person.
     */
    public Map<UUID, Boolean> knownOf(Collection<UUID> personIds) {
        Map<UUID, Boolean> known = new HashMap<>();
        if (personIds.isEmpty()) {
            return known;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT person_id, pending FROM subject_state WHERE known AND person_id = ANY(?1)")
                .setParameter(1, personIds.stream().distinct().toArray(UUID[]::new))
                .getResultList();
        rows.forEach(row -> known.put((UUID) row[0], (Boolean) row[1]));
        return known;
    }

    /** A person contact-service announced, not a pending subject and not erased: one who may still give consent. */
    public boolean isLivePerson(UUID personId) {
        return !em.createNativeQuery(
                        "SELECT 1 FROM subject_state WHERE person_id = ?1 AND known AND NOT pending AND NOT erased")
                .setParameter(1, personId)
                .getResultList()
                .isEmpty();
    }

    /** The purposes the person objected to by name (Art. 21(1)) and still objects to. */
    @SuppressWarnings("unchecked")
    public Set<String> objectedPurposes(UUID personId) {
        return new HashSet<>(
                em.createNativeQuery("SELECT purpose_key FROM subject_purpose WHERE person_id = ?1 AND objected")
                        .setParameter(1, personId)
                        .getResultList());
    }

    /** Restriction of processing (Art. 18) set or lifted by contact-service. */
    @Transactional
    public void restricted(UUID personId, boolean restricted) {
        set(List.of(personId), Flag.RESTRICTED, restricted, true);
        republish(personId);
    }

    /**
     * Erased persons (anonymized by contact-service, or this service's slice of an erasure): final. Not published
     * again here: erasure withdraws every basis that allowed processing, and that is published by the ledger.
     */
    @Transactional
    public void erased(List<UUID> personIds) {
        set(personIds, Flag.ERASED, true, true);
    }

    /** The global marketing opt-out (subscription type {@code *}) or its end. */
    @Transactional
    public void optedOut(UUID personId, boolean optedOut) {
        set(List.of(personId), Flag.OPTED_OUT, optedOut, false);
        republish(personId);
    }

    /**
     * A choice for one subscription type sent under {@code purpose}: the purpose is opted out while every type of
     * it the person chose is unsubscribed (unsubscribing one newsletter does not end another under the same purpose).
     */
    @Transactional
    public void subscription(UUID personId, String type, String purpose, boolean subscribed) {
        em.createNativeQuery("""
                INSERT INTO subject_subscription (person_id, subscription_type, purpose_key, subscribed)
                VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (person_id, subscription_type) DO UPDATE SET purpose_key = EXCLUDED.purpose_key,
                    subscribed = EXCLUDED.subscribed
                """)
                .setParameter(1, personId)
                .setParameter(2, type)
                .setParameter(3, purpose)
                .setParameter(4, subscribed)
                .executeUpdate();
        em.createNativeQuery("""
                INSERT INTO subject_purpose (person_id, purpose_key, opted_out)
                SELECT CAST(?1 AS uuid), CAST(?2 AS text), bool_and(NOT subscribed) FROM subject_subscription
                WHERE person_id = ?1 AND purpose_key = ?2
                ON CONFLICT (person_id, purpose_key) DO UPDATE SET opted_out = EXCLUDED.opted_out
                """)
                .setParameter(1, personId)
                .setParameter(2, purpose)
                .executeUpdate();
        republish(personId);
    }

    /** An objection (Art. 21) or its end; the person must be known and the purposes in the catalogue. */
    @Transactional
    public void objection(ObjectionChanged objection) {
        UUID personId = objection.personId();
        switch (ObjectionChanged.Scope.valueOf(objection.scope())) {
            case ALL -> set(List.of(personId), Flag.OBJECTED_ALL, objection.objected(), false);
            case DIRECT_MARKETING ->
                set(List.of(personId), Flag.OBJECTED_DIRECT_MARKETING, objection.objected(), false);
            case PURPOSES ->
                em.createNativeQuery("""
                        INSERT INTO subject_purpose (person_id, purpose_key, objected)
                        SELECT CAST(?1 AS uuid), unnest(CAST(?2 AS text[])), CAST(?3 AS boolean)
                        ON CONFLICT (person_id, purpose_key) DO UPDATE SET objected = EXCLUDED.objected
                        """)
                        .setParameter(1, personId)
                        .setParameter(2, objection.purposes().toArray(String[]::new))
                        .setParameter(3, objection.objected())
                        .executeUpdate();
        }
        republish(personId);
    }

    private void set(List<UUID> personIds, Flag flag, boolean value, boolean known) {
        em.createNativeQuery("INSERT INTO subject_state (person_id, known, " + flag.column + ", updated_at)"
                        + " SELECT DISTINCT unnest(CAST(?1 AS uuid[])), CAST(?2 AS boolean), CAST(?3 AS boolean),"
                        + " CAST(?4 AS timestamptz) ON CONFLICT (person_id) DO UPDATE SET "
                        + flag.column + " = EXCLUDED." + flag.column
                        + ", known = subject_state.known OR EXCLUDED.known, updated_at = EXCLUDED.updated_at")
                .setParameter(1, personIds.toArray(UUID[]::new))
                .setParameter(2, known)
                .setParameter(3, value)
                .setParameter(4, clock.instant())
                .executeUpdate();
    }

    /** Every purpose of the person with a basis on record, decided again and published. */
    private void republish(UUID personId) {
        em.flush();
        outbox.publishAll(
                EventType.CONSENT_STATE_CHANGED,
                decisions.decideAll(decisions.keysOf(List.of(personId))).values().stream()
                        .map(Decision::event)
                        .toList(),
                change -> change.personId().toString());
    }
}
