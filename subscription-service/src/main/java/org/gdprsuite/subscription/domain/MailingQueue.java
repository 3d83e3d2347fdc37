package org.gdprsuite.subscription.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.crypto.SubjectCipher;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The runner's side of the mailing jobs, each step its own transaction: planning the recipients, claiming the
 * next ones (re-checked against the read models: who may no longer be mailed is skipped with the reason),
 * recording each outcome, resolving claims a crash left in doubt and completing finished jobs.
 */
@ApplicationScoped
public class MailingQueue {

    /** A running mailing, what the runner needs to send it. */
    public record Running(UUID id, MailingJobs.Kind kind, String typeKey, String subject, String text) {}

    /** A claimed recipient, their address opened. */
    public record Claimed(UUID personId, String email) {}

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SubjectCipher cipher;

    @Inject
    MailingJobs jobs;

    @Inject
    Selections selections;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    /** Plans the oldest queued mailing (its recipients as PENDING rows) and starts it; false if none was queued. */
    @Transactional
    public boolean planNext() {
        @SuppressWarnings("unchecked")
        List<Object[]> queued = em.createNativeQuery("SELECT id, type_key, selection_id FROM mailing"
                        + " WHERE state = 'QUEUED' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                .getResultList();
        if (queued.isEmpty()) {
            return false;
        }
        UUID id = (UUID) queued.get(0)[0];
        UUID selection = (UUID) queued.get(0)[2];
        Instant now = clock.instant();
        List<Object> parameters = new ArrayList<>(List.of(id, now));
        String candidates;
        if (selection != null) {
            Criteria.Where where = selections.get(selection).criteria().where(3, now);
            candidates = "SELECT c.person_id FROM contact_read_model c WHERE " + where.sql();
            parameters.addAll(where.parameters());
        } else {
            candidates = "SELECT person_id FROM subscription WHERE type_key = ?3 AND subscribed";
            parameters.add(queued.get(0)[1]);
        }
        int planned = Selections.bind(
                        em.createNativeQuery("INSERT INTO mailing_recipient (mailing_id, person_id, state, updated_at)"
                                + " SELECT m.id, x.person_id, 'PENDING', ?2 FROM (" + candidates + ") x"
                                + " JOIN mailing m ON m.id = ?1 " + Eligibility.JOINS
                                + " WHERE " + Eligibility.skipReason(2) + " IS NULL"),
                        parameters)
                .executeUpdate();
        em.createNativeQuery("UPDATE mailing SET state = 'RUNNING', started_at = ?2 WHERE id = ?1")
                .setParameter(1, id)
                .setParameter(2, now)
                .executeUpdate();
        jobs.audit(id, null, "PLANNED", planned + " recipients");
        return true;
    }

    /** The running mailings, oldest first. */
    public List<Running> running() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, kind, type_key, subject, body FROM mailing"
                        + " WHERE state = 'RUNNING' ORDER BY created_at")
                .getResultList();
        return rows.stream()
                .map(r -> new Running(
                        (UUID) r[0], MailingJobs.Kind.valueOf((String) r[1]), (String) r[2], (String) r[3], (String)
                                r[4]))
                .toList();
    }

    /**
     * Claims up to {@code limit} due recipients of a running mailing: each is checked again now; who may no longer
     * be mailed is SKIPPED with the reason, the others are SENDING when this commits, before any mail goes out.
     */
    @Transactional
    public List<Claimed> claim(UUID mailing, int limit) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("WITH x AS (SELECT r.person_id FROM mailing_recipient r"
                        + " JOIN mailing mm ON mm.id = r.mailing_id AND mm.state = 'RUNNING'"
                        + " WHERE r.mailing_id = ?1 AND r.state = 'PENDING'"
                        + " AND (r.next_attempt_at IS NULL OR r.next_attempt_at <= ?2)"
                        + " ORDER BY r.person_id LIMIT ?3 FOR UPDATE OF r SKIP LOCKED)"
                        + " SELECT x.person_id, c.email, " + Eligibility.skipReason(2)
                        + " FROM x JOIN mailing m ON m.id = ?1 " + Eligibility.JOINS)
                .setParameter(1, mailing)
                .setParameter(2, now)
                .setParameter(3, limit)
                .getResultList();
        List<Claimed> claimed = new ArrayList<>();
        for (Object[] row : rows) {
            UUID person = (UUID) row[0];
            String reason = (String) row[2];
            String email = reason != null
                    ? null
                    : cipher.openReceived(person.toString(), SealedFields.EMAIL, (String) row[1])
                            .orElse(null);
            if (reason == null && email == null) {
                reason = "ERASED"; // the key is destroyed: erased a moment ago
            }
            if (reason != null) {
                record(mailing, person, "SKIPPED", reason, now);
                metrics.counter("gdpr.mailing.mails", "outcome", "skipped").increment();
            } else {
                em.createNativeQuery("UPDATE mailing_recipient SET state = 'SENDING', claimed_at = ?3, updated_at = ?3,"
                                + " attempts = attempts + 1 WHERE mailing_id = ?1 AND person_id = ?2")
                        .setParameter(1, mailing)
                        .setParameter(2, person)
                        .setParameter(3, now)
                        .executeUpdate();
                claimed.add(new Claimed(person, email));
            }
        }
        return claimed;
    }

    /** The mail went out: SENT, in the transaction that sends and logs it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sent(UUID mailing, UUID person) {
        record(mailing, person, "SENT", null, clock.instant());
    }

    /** The SMTP server refused the mail: tried again later, or FAILED after the last attempt; true if failed. */
    @Transactional
    public boolean refused(UUID mailing, UUID person, int maxAttempts, Duration retryAfter) {
        Instant now = clock.instant();
        return em.createNativeQuery("UPDATE mailing_recipient SET updated_at = ?3,"
                        + " state = CASE WHEN attempts >= ?4 THEN 'FAILED' ELSE 'PENDING' END,"
                        + " reason = CASE WHEN attempts >= ?4 THEN 'SMTP_REFUSED' END, next_attempt_at = ?5"
                        + " WHERE mailing_id = ?1 AND person_id = ?2 AND state = 'SENDING'"
                        + " RETURNING state")
                .setParameter(1, mailing)
                .setParameter(2, person)
                .setParameter(3, now)
                .setParameter(4, maxAttempts)
                .setParameter(5, now.plus(retryAfter))
                .getResultStream()
                .anyMatch("FAILED"::equals);
    }

    /**
     * Claims older than {@code inDoubtAfter} were left by a crash between claim and outcome: the mail may have
     * gone out, so they are recorded UNKNOWN and never resent (at most once). Returns how many.
     */
    @Transactional
    public int resolveInDoubt(Duration inDoubtAfter) {
        Instant now = clock.instant();
        return em.createNativeQuery(
                        "UPDATE mailing_recipient SET state = 'UNKNOWN', reason = 'IN_DOUBT', updated_at = ?1"
                                + " WHERE state = 'SENDING' AND claimed_at < ?2")
                .setParameter(1, now)
                .setParameter(2, now.minus(inDoubtAfter))
                .executeUpdate();
    }

    /** Running mailings with no recipient left to send or in flight are COMPLETED. */
    @Transactional
    public void completeFinished() {
        @SuppressWarnings("unchecked")
        List<UUID> done = em.createNativeQuery("UPDATE mailing SET state = 'COMPLETED', finished_at = ?1"
                        + " WHERE state = 'RUNNING' AND NOT EXISTS (SELECT 1 FROM mailing_recipient r"
                        + " WHERE r.mailing_id = mailing.id AND r.state IN ('PENDING', 'SENDING')) RETURNING id")
                .setParameter(1, clock.instant())
                .getResultList();
        done.forEach(id -> jobs.audit(id, null, "COMPLETED", null));
    }

    /** Recipients still to send in running or queued mailings, and the mailings not finished (for the gauges). */
    public long[] backlog() {
        Object[] counts =
                (Object[]) em.createNativeQuery("SELECT (SELECT count(*) FROM mailing_recipient r JOIN mailing m"
                                + " ON m.id = r.mailing_id AND m.state = 'RUNNING' WHERE r.state = 'PENDING'),"
                                + " (SELECT count(*) FROM mailing WHERE state IN ('QUEUED', 'RUNNING'))")
                        .getSingleResult();
        return new long[] {((Number) counts[0]).longValue(), ((Number) counts[1]).longValue()};
    }

    private void record(UUID mailing, UUID person, String state, String reason, Instant now) {
        em.createNativeQuery("UPDATE mailing_recipient SET state = ?3, reason = ?4, updated_at = ?5"
                        + " WHERE mailing_id = ?1 AND person_id = ?2")
                .setParameter(1, mailing)
                .setParameter(2, person)
                .setParameter(3, state)
                .setParameter(4, reason)
                .setParameter(5, now)
                .executeUpdate();
    }
}
