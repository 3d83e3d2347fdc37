package org.gdprsuite.subscription.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.runtime.problem.DomainProblem;
import org.gdprsuite.runtime.web.Results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Mailings as jobs, as their requester sees them: queued at once (the runner plans and sends them), their
 * progress and per-recipient results, cancellation, and the audit of who did what.
 */
@ApplicationScoped
public class MailingJobs {

    public enum Kind {
        /** Needs the subscription and the consent of the type's purpose; carries one-click unsubscribe. */
        MARKETING,
        /** To a selection, no consent needed (legal obligation, legitimate interest); never restricted or erased. */
        INFORMATION
    }

    /** What to send, to whom; {@code overrideReason} (DPO only) reaches marketing beyond the consented audience. */
    public record Order(
            Kind kind, String typeKey, UUID selectionId, String subject, String text, String overrideReason) {}

    public record AuditLine(Instant at, String actor, String action, String detail) {}

    public record Job(
            UUID id,
            Kind kind,
            String typeKey,
            UUID selectionId,
            String subject,
            String state,
            String overrideReason,
            String createdBy,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt,
            Map<String, Long> totals,
            Map<String, Long> skipped,
            List<AuditLine> audit) {}

    public record Recipient(UUID personId, String state, String reason, int attempts, Instant updatedAt) {}

    private static final String COLUMNS = "id, kind, type_key, selection_id, subject, state, override_reason,"
            + " created_by, created_at, started_at, finished_at";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SubscriptionTypes types;

    @Inject
    Selections selections;

    /** Queues the mailing; the runner plans its recipients and sends. */
    @Transactional
    public UUID queue(Order order, String by) {
        if (order.kind() == Kind.MARKETING) {
            if (order.typeKey() == null) {
                throw DomainProblem.unprocessable("mailing-invalid", "A marketing mailing names a subscription type.");
            }
            types.get(order.typeKey());
        } else if (order.typeKey() != null || order.overrideReason() != null || order.selectionId() == null) {
            throw DomainProblem.unprocessable(
                    "mailing-invalid", "An information mailing goes to a selection, without type or override.");
        }
        if (order.selectionId() != null) {
            selections.get(order.selectionId());
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        em.createNativeQuery(
                        "INSERT INTO mailing (id, kind, type_key, selection_id, subject, body, state,"
                                + " override_reason, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'QUEUED', ?7, ?8, ?9)")
                .setParameter(1, id)
                .setParameter(2, order.kind().name())
                .setParameter(3, order.typeKey())
                .setParameter(4, order.selectionId())
                .setParameter(5, order.subject())
                .setParameter(6, order.text())
                .setParameter(7, order.overrideReason())
                .setParameter(8, by)
                .setParameter(9, now)
                .executeUpdate();
        audit(id, by, "QUEUED", order.kind().name());
        if (order.overrideReason() != null) {
            audit(id, by, "CONSENT_OVERRIDE", order.overrideReason());
        }
        return id;
    }

    /** Stops a mailing: no further mail goes out (a batch already handed to SMTP completes). */
    @Transactional
    public Job cancel(UUID id, String by) {
        Job job = get(id);
        int stopped = em.createNativeQuery("UPDATE mailing SET state = 'CANCELLED', finished_at = ?2"
                        + " WHERE id = ?1 AND state IN ('QUEUED', 'RUNNING')")
                .setParameter(1, id)
                .setParameter(2, clock.instant())
                .executeUpdate();
        if (stopped == 0) {
            throw DomainProblem.conflict("mailing-finished", "The mailing is " + job.state() + " already.");
        }
        em.createNativeQuery("UPDATE mailing_recipient SET state = 'CANCELLED', updated_at = ?2"
                        + " WHERE mailing_id = ?1 AND state = 'PENDING'")
                .setParameter(1, id)
                .setParameter(2, clock.instant())
                .executeUpdate();
        audit(id, by, "CANCELLED", null);
        return get(id);
    }

    public Job get(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM mailing WHERE id = ?1")
                .setParameter(1, id)
                .getResultList();
        Object[] row = rows.stream()
                .findFirst()
                .orElseThrow(() -> DomainProblem.notFound("mailing-not-found", "No such mailing."));
        Map<String, Long> totals = new LinkedHashMap<>();
        for (String state : List.of("PENDING", "SENDING", "SENT", "SKIPPED", "FAILED", "UNKNOWN", "CANCELLED")) {
            totals.put(state, 0L);
        }
        Map<String, Long> skipped = new LinkedHashMap<>();
        long planned = 0;
        for (Object[] count : rows(em.createNativeQuery("SELECT state, reason, count(*) FROM mailing_recipient"
                        + " WHERE mailing_id = ?1 GROUP BY state, reason ORDER BY state, reason")
                .setParameter(1, id))) {
            long n = ((Number) count[2]).longValue();
            planned += n;
            totals.merge((String) count[0], n, Long::sum);
            if ("SKIPPED".equals(count[0])) {
                skipped.merge((String) count[1], n, Long::sum);
            }
        }
        totals.put("PLANNED", planned);
        List<AuditLine> audit = rows(em.createNativeQuery(
                                "SELECT at, actor, action, detail FROM mailing_audit WHERE mailing_id = ?1 ORDER BY id")
                        .setParameter(1, id))
                .stream()
                .map(a -> new AuditLine(Selections.instant(a[0]), (String) a[1], (String) a[2], (String) a[3]))
                .toList();
        return job(row, totals, skipped, audit);
    }

    /** The mailings, newest first, without their counts (open one for its progress). */
    public Results<Job> list(int page, int size) {
        long total =
                ((Number) em.createNativeQuery("SELECT count(*) FROM mailing").getSingleResult()).longValue();
        List<Job> jobs = rows(em.createNativeQuery(
                                "SELECT " + COLUMNS + " FROM mailing ORDER BY created_at DESC, id LIMIT ?1 OFFSET ?2")
                        .setParameter(1, size)
                        .setParameter(2, Results.offset(page, size)))
                .stream()
                .map(r -> job(r, null, null, null))
                .toList();
        return new Results<>(jobs, page, size, total);
    }

    /** A page of the recipients in person-id order, optionally of one state. */
    public Results<Recipient> recipients(UUID id, String state, int page, int size) {
        get(id);
        String where = " FROM mailing_recipient WHERE mailing_id = ?1 AND (CAST(?2 AS varchar) IS NULL OR state = ?2)";
        long total = ((Number) em.createNativeQuery("SELECT count(*)" + where)
                        .setParameter(1, id)
                        .setParameter(2, state)
                        .getSingleResult())
                .longValue();
        List<Recipient> items = rows(em.createNativeQuery("SELECT person_id, state, reason, attempts, updated_at"
                                + where + " ORDER BY person_id LIMIT ?3 OFFSET ?4")
                        .setParameter(1, id)
                        .setParameter(2, state)
                        .setParameter(3, size)
                        .setParameter(4, Results.offset(page, size)))
                .stream()
                .map(r -> new Recipient(
                        (UUID) r[0],
                        (String) r[1],
                        (String) r[2],
                        ((Number) r[3]).intValue(),
                        Selections.instant(r[4])))
                .toList();
        return new Results<>(items, page, size, total);
    }

    void audit(UUID mailing, String actor, String action, String detail) {
        em.createNativeQuery("INSERT INTO mailing_audit (mailing_id, at, actor, action, detail)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, mailing)
                .setParameter(2, clock.instant())
                .setParameter(3, actor)
                .setParameter(4, action)
                .setParameter(5, detail)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query query) {
        return query.getResultList();
    }

    private static Job job(Object[] r, Map<String, Long> totals, Map<String, Long> skipped, List<AuditLine> audit) {
        return new Job(
                (UUID) r[0],
                Kind.valueOf((String) r[1]),
                (String) r[2],
                (UUID) r[3],
                (String) r[4],
                (String) r[5],
                (String) r[6],
                (String) r[7],
                Selections.instant(r[8]),
                Selections.instant(r[9]),
                Selections.instant(r[10]),
                totals,
                skipped,
                audit);
    }
}
