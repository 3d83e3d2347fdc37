package org.gdprsuite.consent.domain;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.events.EventType;
import org.gdprsuite.runtime.outbox.Outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Pending subjects meet their person. When contact-service announces a person with an address that consents named
 * before, the pending subject's records attach to the person under one rule: each record is appended again under
 * the person's id with everything it said (effective and recorded time, source, evidence) and {@code attached_from}
 * naming the original; the original keeps its place in the ledger without the evidence, which now lives with the
 * person's copy (one copy to erase). The person's current state per purpose then follows the ledger's rule (the
 * newer effective time wins), and the decisions that changed are published.
 */
@ApplicationScoped
public class PendingSubjects {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SubjectDirectory directory;

    @Inject
    Decisions decisions;

    @Inject
    Outbox outbox;

    @Inject
    InformationMails informationMails;

    /** contact-service announced {@code personId} with {@code email}: pending subjects of the address attach. */
    public void announced(UUID personId, Optional<String> email) {
        List<UUID> pending = directory.announced(personId, email);
        if (!pending.isEmpty()) {
            attach(personId, pending);
        }
    }

    void attach(UUID personId, List<UUID> pending) {
        UUID[] subjects = pending.toArray(UUID[]::new);
        em.createNativeQuery("""
                INSERT INTO consent_record (id, person_id, purpose_key, legal_basis, status, effective_at, valid_until,
                    recorded_at, recorded_by, source, channel, notice_version, evidence_ip, evidence_user_agent,
                    evidence_form_id, event_id, attached_from)
                SELECT gen_random_uuid(), CAST(?1 AS uuid), purpose_key, legal_basis, status, effective_at, valid_until,
                    recorded_at, recorded_by, source, channel, notice_version, evidence_ip, evidence_user_agent,
                    evidence_form_id, NULL, id
                FROM consent_record WHERE person_id = ANY(?2) ORDER BY effective_at, recorded_at
                """)
                .setParameter(1, personId)
                .setParameter(2, subjects)
                .executeUpdate();
        em.createNativeQuery("""
                UPDATE consent_record SET evidence_ip = NULL, evidence_user_agent = NULL, evidence_form_id = NULL
                WHERE person_id = ANY(?1) AND (evidence_ip IS NOT NULL OR evidence_user_agent IS NOT NULL
                    OR evidence_form_id IS NOT NULL)
                """).setParameter(1, subjects).executeUpdate();
        // The newest attached record per purpose becomes current unless the person's own is newer.
        @SuppressWarnings("unchecked")
        List<String> changed = em.createNativeQuery("""
                        INSERT INTO consent_state (record_id, person_id, purpose_key, legal_basis, status, effective_at,
                            valid_until)
                        SELECT DISTINCT ON (c.purpose_key) c.id, c.person_id, c.purpose_key, c.legal_basis, c.status,
                            c.effective_at, c.valid_until
                        FROM consent_record c JOIN consent_record o ON o.id = c.attached_from
                        WHERE c.person_id = ?1 AND o.person_id = ANY(?2)
                        ORDER BY c.purpose_key, c.effective_at DESC, c.recorded_at DESC
                        ON CONFLICT (purpose_key, person_id) DO UPDATE SET legal_basis = EXCLUDED.legal_basis,
                            status = EXCLUDED.status, effective_at = EXCLUDED.effective_at,
                            valid_until = EXCLUDED.valid_until, record_id = EXCLUDED.record_id
                        WHERE consent_state.effective_at < EXCLUDED.effective_at
                        RETURNING purpose_key
                        """)
                .setParameter(1, personId)
                .setParameter(2, subjects)
                .getResultList();
        em.createNativeQuery("DELETE FROM consent_state WHERE person_id = ANY(?1)")
                .setParameter(1, subjects)
                .executeUpdate();
        em.createNativeQuery("UPDATE subject_state SET known = false WHERE person_id = ANY(?1)")
                .setParameter(1, subjects)
                .executeUpdate();
        em.createNativeQuery("UPDATE pending_subject SET attached_to = ?1, attached_at = ?2 WHERE id = ANY(?3)")
                .setParameter(1, personId)
                .setParameter(2, clock.instant())
                .setParameter(3, subjects)
                .executeUpdate();
        directory.moveTo(personId, pending);
        em.flush();
        outbox.publishAll(
                EventType.CONSENT_STATE_CHANGED,
                decisions
                        .decideAll(changed.stream()
                                .map(purpose -> new Decisions.Key(personId, purpose))
                                .toList())
                        .values()
                        .stream()
                        .map(Decision::event)
                        .toList(),
                change -> change.personId().toString());
        // Art. 13/14: what the pending subject was told nothing of (a basis other than consent) the person is told.
        if (!changed.isEmpty()) {
            informationMails.basesChanged(List.of(personId));
        }
    }
}
