package org.gdprsuite.erasure.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.runtime.web.Results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The SQL of dsr_request: every read and every transition of a request, set-based where a transition concerns many
 * (a retention sweep, a batch reply). Each change bumps {@code version}.
 */
@ApplicationScoped
public class RequestStore {

    private static final String COLUMNS = """
            id, request_type, status, origin, email, CAST(person_ids AS text[]) AS person_ids, details, received_at,
            due_at, verified_at, approved_at, approved_by, completed_at, rejection_reason, duplicate_of,
            extended_months, extension_reason, escalated_at, batch_id""";
    private static final String OPEN = "status IN ('RECEIVED', 'VERIFIED', 'APPROVED', 'IN_PROGRESS')";

    @Inject
    Sql sql;

    public void insert(Request r, String createdBy) {
        sql.update(
                """
                INSERT INTO dsr_request (id, request_type, status, origin, email, person_ids, details, created_by,
                    received_at, due_at, verified_at)
                VALUES (?, ?, ?, ?, ?, ?::uuid[], ?, ?, ?, ?, ?)
                """,
                r.id(),
                r.type(),
                r.status(),
                r.origin(),
                r.email(),
                r.personIds(),
                r.details(),
                createdBy,
                r.receivedAt(),
                r.dueAt(),
                r.verifiedAt());
    }

    /** One approved erasure request per person of a retention sweep, in one batch; returns their ids, in order. */
    public List<UUID> insertRetention(
            UUID batchId, List<UUID> personIds, String details, String createdBy, Instant now) {
        List<UUID> ids = personIds.stream().map(p -> UUID.randomUUID()).toList();
        sql.update("""
                INSERT INTO dsr_request (id, request_type, status, origin, person_ids, details, created_by,
                    received_at, due_at, verified_at, approved_at, approved_by, batch_id)
                SELECT r, 'ERASURE', 'APPROVED', 'RETENTION', ARRAY[p], ?, ?, ?, ?, ?, ?, 'retention policy', ?
                FROM unnest(?::uuid[], ?::uuid[]) AS t (r, p)
                """, details, createdBy, now, Rules.dueAt(now), now, now, batchId, ids, personIds);
        return ids;
    }

    public Optional<Request> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM dsr_request WHERE id = ?", RequestStore::request, id);
    }

    /** The request, locked for a transition until the transaction ends; empty if there is none. */
    public Optional<Request> findForUpdate(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM dsr_request WHERE id = ? FOR UPDATE", RequestStore::request, id);
    }

    /** As {@link #findForUpdate}, refused as not found if there is none. */
    public Request lock(UUID id) {
        return findForUpdate(id).orElseThrow(Rules::notFound);
    }

    /** One page of requests by due date, filtered in SQL. */
    public Results<Request> page(RequestFilter filter, Instant now, int page, int size) {
        List<String> where = new ArrayList<>(List.of("TRUE"));
        List<Object> parameters = new ArrayList<>();
        if (filter.status() != null) {
            where.add("status = ?");
            parameters.add(filter.status());
        }
        if (filter.overdue()) {
            where.add(OPEN + " AND due_at < ?");
            parameters.add(now);
        }
        if (filter.dueWithinDays() != null) {
            where.add(OPEN + " AND due_at < ?");
            parameters.add(now.plus(Duration.ofDays(filter.dueWithinDays())));
        }
        if (filter.personId() != null) {
            where.add("person_ids @> ARRAY[?::uuid]");
            parameters.add(filter.personId());
        }
        String condition = " FROM dsr_request WHERE " + String.join(" AND ", where);
        long total = sql.one("SELECT count(*)" + condition, rs -> rs.getLong(1), parameters.toArray())
                .orElse(0L);
        parameters.add(size);
        parameters.add(Results.offset(page, size));
        List<Request> items = sql.list(
                "SELECT " + COLUMNS + condition + " ORDER BY due_at, id LIMIT ? OFFSET ?",
                RequestStore::request,
                parameters.toArray());
        return new Results<>(items, page, size, total);
    }

    /** The oldest other open request of the same type for the same address. */
    public Optional<UUID> openDuplicate(Request r) {
        return sql.one("""
                SELECT id FROM dsr_request WHERE request_type = ? AND email = ? AND id <> ?
                  AND status IN ('VERIFIED', 'APPROVED', 'IN_PROGRESS') ORDER BY received_at LIMIT 1
                """, rs -> Sql.uuid(rs, "id"), r.type(), r.email(), r.id());
    }

    public void verified(UUID id, Instant at) {
        change("status = 'VERIFIED', verified_at = ?", id, at);
    }

    public void rejected(UUID id, String reason, UUID duplicateOf, Instant at) {
        change(
                "status = 'REJECTED', rejection_reason = ?, duplicate_of = ?, completed_at = ?",
                id,
                reason,
                duplicateOf,
                at);
    }

    /** Rejects the portal requests still unverified that were received before {@code receivedBefore}. */
    public List<UUID> rejectUnverified(Instant receivedBefore, String reason, Instant at) {
        return sql.list("""
                UPDATE dsr_request SET status = 'REJECTED', rejection_reason = ?, completed_at = ?, version = version + 1
                WHERE status = 'RECEIVED' AND origin = 'PORTAL' AND received_at < ?
                RETURNING id
                """, rs -> Sql.uuid(rs, "id"), reason, at, receivedBefore);
    }

    public void approved(UUID id, List<UUID> personIds, String actor, Instant at) {
        change(
                "status = 'APPROVED', person_ids = ?::uuid[], approved_by = ?, approved_at = ?",
                id,
                personIds,
                actor,
                at);
    }

    public void extended(UUID id, int extendedMonths, String reason, Instant dueAt) {
        change("extended_months = ?, extension_reason = ?, due_at = ?", id, extendedMonths, reason, dueAt);
    }

    public void finished(UUID id, RequestStatus status, Instant at) {
        change("status = ?, completed_at = ?", id, status, at);
    }

    /** Fanned out: the participants are working on these. */
    public void started(Collection<UUID> ids) {
        sql.update(
                "UPDATE dsr_request SET status = 'IN_PROGRESS', version = version + 1 WHERE id = ANY (?::uuid[])", ids);
    }

    /** Completes those of these requests whose every task is answered (partially if a slice is held); returns them. */
    public List<Request> completeAnswered(Collection<UUID> ids, Instant at) {
        return sql.list(
                """
                UPDATE dsr_request r SET completed_at = ?, version = r.version + 1,
                    status = CASE WHEN EXISTS (SELECT 1 FROM dsr_task t WHERE t.request_id = r.id AND t.status = 'HELD')
                        THEN 'PARTIALLY_COMPLETED' ELSE 'COMPLETED' END
                WHERE r.id = ANY (?::uuid[]) AND r.status = 'IN_PROGRESS'
                  AND NOT EXISTS (SELECT 1 FROM dsr_task t WHERE t.request_id = r.id AND t.status NOT IN ('DONE', 'HELD'))
                RETURNING\s""" + COLUMNS,
                RequestStore::request,
                at,
                ids.stream().distinct().toList());
    }

    /** Marks these requests escalated; returns those that were not already. */
    public List<UUID> escalate(Collection<UUID> ids, Instant at) {
        return sql.list("""
                UPDATE dsr_request SET escalated_at = ?, version = version + 1
                WHERE id = ANY (?::uuid[]) AND escalated_at IS NULL RETURNING id
                """, rs -> Sql.uuid(rs, "id"), at, ids);
    }

    /** Approved requests of their own (no batch) that still wait for a participant to announce itself. */
    public List<Request> waitingForParticipants() {
        return sql.list("SELECT " + COLUMNS + """
                 FROM dsr_request r WHERE status = 'APPROVED' AND batch_id IS NULL
                AND (request_type <> 'RECTIFICATION' OR EXISTS (SELECT 1 FROM dsr_correction c WHERE c.request_id = r.id))
                ORDER BY received_at""", RequestStore::request);
    }

    /** The requests of a batch still to be fanned out (not rejected meanwhile). */
    public List<Request> approvedInBatch(UUID batchId) {
        return sql.list(
                "SELECT " + COLUMNS + " FROM dsr_request WHERE batch_id = ? AND status = 'APPROVED' ORDER BY id",
                RequestStore::request,
                batchId);
    }

    /** Open requests due in [from, to); {@code from} null for all before {@code to}. */
    public long countOpenDue(Instant from, Instant to) {
        return sql.one(
                        "SELECT count(*) FROM dsr_request WHERE " + OPEN
                                + " AND due_at >= coalesce(CAST(? AS timestamptz), '-infinity') AND due_at < ?",
                        rs -> rs.getLong(1),
                        from,
                        to)
                .orElse(0L);
    }

    private void change(String assignments, UUID id, Object... values) {
        Object[] parameters = Arrays.copyOf(values, values.length + 1);
        parameters[values.length] = id;
        sql.update("UPDATE dsr_request SET " + assignments + ", version = version + 1 WHERE id = ?", parameters);
    }

    private static Request request(ResultSet rs) throws SQLException {
        return new Request(
                Sql.uuid(rs, "id"),
                RequestType.valueOf(rs.getString("request_type")),
                RequestStatus.valueOf(rs.getString("status")),
                Origin.valueOf(rs.getString("origin")),
                rs.getString("email"),
                Sql.uuids(rs, "person_ids"),
                rs.getString("details"),
                Sql.instant(rs, "received_at"),
                Sql.instant(rs, "due_at"),
                Sql.instant(rs, "verified_at"),
                Sql.instant(rs, "approved_at"),
                rs.getString("approved_by"),
                Sql.instant(rs, "completed_at"),
                rs.getString("rejection_reason"),
                Sql.uuid(rs, "duplicate_of"),
                rs.getInt("extended_months"),
                rs.getString("extension_reason"),
                Sql.instant(rs, "escalated_at"),
                Sql.uuid(rs, "batch_id"));
    }
}
