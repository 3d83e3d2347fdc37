package org.gdprsuite.consent.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.ConsentStateChanged;
import org.gdprsuite.runtime.outbox.Outbox;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The one place where legal-basis records are made. Every record is appended to the ledger; it becomes
 * the current state of its person × purpose only if it is not older (by effective time) than the
 * current one, so events that arrive out of order are kept as history without undoing newer
 * decisions. A change of current state is published on {@code consent.events} in the same transaction.
 */
@ApplicationScoped
public class ConsentLedger {

    /** Recorded-by of the records the service makes itself. */
    public static final String SYSTEM = "consent-service";

    private static final String UPSERT_STATE = """
            INSERT INTO consent_state (person_id, purpose_key, legal_basis, status, effective_at, valid_until, record_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT (purpose_key, person_id) DO UPDATE SET legal_basis = EXCLUDED.legal_basis,
                status = EXCLUDED.status, effective_at = EXCLUDED.effective_at, valid_until = EXCLUDED.valid_until,
                record_id = EXCLUDED.record_id
            WHERE consent_state.effective_at <= EXCLUDED.effective_at
            """;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** How a decision was captured, as proof. */
    public record Evidence(String ip, String userAgent, String formId) {
        public static final Evidence NONE = new Evidence(null, null, null);
    }

    /** What is to be recorded; {@code effectiveAt} null means now. */
    public record Entry(UUID personId, String purpose, LegalBasis legalBasis, ConsentStatus status, Instant effectiveAt,
            ConsentSource source, String channel, String noticeVersion, Evidence evidence, String recordedBy,
            String eventId) {
    }

    /** A person × purpose state as the decision API answers it. */
    public record Decision(UUID personId, String purpose, boolean allowed, LegalBasis legalBasis, ConsentStatus status,
            Instant since, Instant until) {

        public static Decision of(UUID personId, String purpose, LegalBasis basis, ConsentStatus status, Instant since,
                Instant until, Instant now) {
            boolean allowed = status == ConsentStatus.GRANTED && (until == null || now.isBefore(until));
            return new Decision(personId, purpose, allowed, basis, allowed || status != ConsentStatus.GRANTED ? status
                    : ConsentStatus.EXPIRED, since, until);
        }

        /** Nothing recorded: no basis, not allowed. */
        public static Decision none(UUID personId, String purpose) {
            return new Decision(personId, purpose, false, null, null, null, null);
        }
    }

    @Transactional
    public ConsentRecord record(Entry entry) {
        Purpose purpose = Purpose.findById(entry.purpose());
        if (purpose == null) {
            throw new UnknownPurposeException();
        }
        Instant now = clock.instant();
        ConsentRecord record = new ConsentRecord();
        record.id = UUID.randomUUID();
        record.personId = entry.personId();
        record.purpose = purpose.key;
        record.legalBasis = entry.legalBasis();
        record.status = entry.status();
        record.effectiveAt = entry.effectiveAt() == null ? now : entry.effectiveAt();
        record.validUntil = validUntil(purpose, entry.legalBasis(), entry.status(), record.effectiveAt);
        record.recordedAt = now;
        record.recordedBy = entry.recordedBy();
        record.source = entry.source();
        record.channel = entry.channel();
        record.noticeVersion = entry.noticeVersion();
        Evidence evidence = entry.evidence() == null ? Evidence.NONE : entry.evidence();
        record.evidenceIp = evidence.ip();
        record.evidenceUserAgent = evidence.userAgent();
        record.evidenceFormId = evidence.formId();
        record.eventId = entry.eventId();
        record.persistAndFlush();

        int changed = em.createNativeQuery(UPSERT_STATE)
                .setParameter(1, record.personId).setParameter(2, record.purpose)
                .setParameter(3, record.legalBasis.name()).setParameter(4, record.status.name())
                .setParameter(5, record.effectiveAt).setParameter(6, record.validUntil).setParameter(7, record.id)
                .executeUpdate();
        if (changed == 1) {
            Decision decision = Decision.of(record.personId, record.purpose, record.legalBasis, record.status,
                    record.effectiveAt, record.validUntil, now);
            outbox.publish(EventType.CONSENT_STATE_CHANGED, record.personId.toString(), new ConsentStateChanged(
                    record.personId, record.purpose, decision.allowed(), record.legalBasis.name(),
                    decision.status().name(), record.effectiveAt, record.validUntil));
        }
        return record;
    }

    /** Withdrawal, as easy as giving: one record, effective now, on the basis it withdraws. */
    @Transactional
    public ConsentRecord withdraw(UUID personId, String purpose, ConsentSource source, String channel,
            Evidence evidence, String recordedBy) {
        LegalBasis basis = currentState(personId, purpose).map(s -> s.legalBasis).orElse(LegalBasis.CONSENT);
        return record(new Entry(personId, purpose, basis, ConsentStatus.WITHDRAWN, null, source, channel, null,
                evidence, recordedBy, null));
    }

    public java.util.Optional<ConsentState> currentState(UUID personId, String purpose) {
        return ConsentState.find("personId = ?1 and purpose = ?2", personId, purpose).firstResultOptional();
    }

    public List<ConsentState> currentStates(UUID personId) {
        return ConsentState.list("personId", Sort.by("purpose"), personId);
    }

    public List<ConsentRecord> history(UUID personId, String purpose) {
        return ConsentRecord.list("personId = ?1 and purpose = ?2", Sort.by("effectiveAt").and("recordedAt"),
                personId, purpose);
    }

    public List<ConsentRecord> history(UUID personId) {
        return ConsentRecord.list("personId", Sort.by("purpose").and("effectiveAt").and("recordedAt"), personId);
    }

    /** The record that was in force at {@code at} (Art. 7(1): the controller can demonstrate consent). */
    public java.util.Optional<ConsentRecord> inForceAt(UUID personId, String purpose, Instant at) {
        return ConsentRecord.find("personId = ?1 and purpose = ?2 and effectiveAt <= ?3",
                Sort.descending("effectiveAt").and("recordedAt", Sort.Direction.Descending), personId, purpose, at)
                .firstResultOptional();
    }

    /** Consents past their validity become expired; returns how many (0 while another replica runs it). */
    @Transactional
    public int expireDue(int limit) {
        boolean mine = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtext('consent-expiry'))")
                .getSingleResult();
        if (!mine) {
            return 0;
        }
        List<ConsentState> due = ConsentState.find("status = ?1 and validUntil <= ?2", ConsentStatus.GRANTED,
                clock.instant()).page(0, limit).list();
        for (ConsentState state : due) {
            record(new Entry(state.personId, state.purpose, state.legalBasis, ConsentStatus.EXPIRED, state.validUntil,
                    ConsentSource.SYSTEM, null, null, null, SYSTEM + " (expiry)", null));
        }
        return due.size();
    }

    /**
     * Erasure of a person's slice. The ledger stays as the proof the controller must be able to give
     * (Art. 7(1), Art. 17(3)(e)): ids, purposes, bases, statuses and times are not about who the person
     * is. The evidence (IP address, user agent, form) is destroyed, and whatever still allowed
     * processing is withdrawn, so no service processes the erased person again.
     */
    @Transactional
    public void erase(List<UUID> personIds) {
        if (personIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                UPDATE consent_record SET evidence_ip = NULL, evidence_user_agent = NULL, evidence_form_id = NULL
                WHERE person_id = ANY(?1) AND (evidence_ip IS NOT NULL OR evidence_user_agent IS NOT NULL
                    OR evidence_form_id IS NOT NULL)
                """).setParameter(1, personIds.toArray(UUID[]::new)).executeUpdate();
        for (UUID personId : personIds) {
            for (ConsentState state : currentStates(personId)) {
                if (state.status == ConsentStatus.GRANTED || state.status == ConsentStatus.PENDING_CONFIRMATION) {
                    record(new Entry(personId, state.purpose, state.legalBasis, ConsentStatus.WITHDRAWN, null,
                            ConsentSource.SYSTEM, null, null, null, SYSTEM + " (erasure)", null));
                }
            }
        }
    }

    private static Instant validUntil(Purpose purpose, LegalBasis basis, ConsentStatus status, Instant effectiveAt) {
        if (status != ConsentStatus.GRANTED || basis != LegalBasis.CONSENT || purpose.consentValidityDays == null) {
            return null;
        }
        return effectiveAt.plus(Duration.ofDays(purpose.consentValidityDays));
    }
}
