package org.gdprsuite.consent.domain;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.consent.domain.ConsentLedger.Entry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * What the service records in the ledger on its own account, no person asking: consents past their
 * validity expire ({@link ExpirySweep}), and an erased person's evidence goes and their bases are
 * withdrawn (Art. 17).
 */
@ApplicationScoped
public class LedgerMaintenance {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ConsentLedger ledger;

    @Inject
    SubjectStates subjects;

    @Inject
    ParkedConsents parked;

    @Inject
    SubjectDirectory directory;

    /** Consents past their validity become expired; returns how many (0 while another replica runs it). */
    @Transactional
    public int expireDue(int limit) {
        boolean mine = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtext('consent-expiry'))")
                .getSingleResult();
        if (!mine) {
            return 0;
        }
        List<ConsentState> due = ConsentState.find(
                        "status = ?1 and validUntil <= ?2", ConsentStatus.GRANTED, clock.instant())
                .page(0, limit)
                .list();
        for (ConsentState state : due) {
            ledger.record(Entry.system(
                    state.personId,
                    state.purpose,
                    state.legalBasis,
                    ConsentStatus.EXPIRED,
                    state.validUntil,
                    "expiry"));
        }
        return due.size();
    }

    /**
     * Erasure of a person's slice. The ledger stays as the proof the controller must be able to give
     * (Art. 7(1), Art. 17(3)(e)): ids, purposes, bases, statuses and times are not about who the person
     * is. The evidence (IP address, user agent, form) is destroyed, and whatever still allowed
     * processing is withdrawn, so no service processes the erased person again; every later decision says
     * {@code ERASED} whatever is recorded afterwards. No address or external id finds them any more; a pending
     * subject is erased the same way.
     */
    @Transactional
    public void erase(List<UUID> personIds) {
        if (personIds.isEmpty()) {
            return;
        }
        subjects.erased(personIds);
        parked.forget(personIds);
        directory.forget(personIds);
        em.createNativeQuery("""
                UPDATE consent_record SET evidence_ip = NULL, evidence_user_agent = NULL, evidence_form_id = NULL
                WHERE person_id = ANY(?1) AND (evidence_ip IS NOT NULL OR evidence_user_agent IS NOT NULL
                    OR evidence_form_id IS NOT NULL)
                """)
                .setParameter(1, personIds.toArray(UUID[]::new))
                .executeUpdate();
        // Read from the table, not as entities: states this transaction has changed (a batch of contact events)
        // could be stale in the persistence context. Persons in the given order, purposes as currentStates has them.
        @SuppressWarnings("unchecked")
        List<Object[]> allowing = em.createNativeQuery("""
                SELECT person_id, purpose_key, legal_basis FROM consent_state
                WHERE person_id = ANY(?1) AND status IN ('GRANTED', 'PENDING_CONFIRMATION')
                ORDER BY array_position(?1, person_id), purpose_key
                """)
                .setParameter(1, personIds.stream().distinct().toArray(UUID[]::new))
                .getResultList();
        if (allowing.isEmpty()) {
            return;
        }
        // One recordAll for all: a statement per table for a batch of erased persons, not one per person × purpose.
        ledger.recordAll(allowing.stream()
                .map(state -> Entry.system(
                        (UUID) state[0],
                        (String) state[1],
                        LegalBasis.valueOf((String) state[2]),
                        ConsentStatus.WITHDRAWN,
                        null,
                        "erasure"))
                .toList());
    }
}
