package org.gdprsuite.erasure.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrBatchCommand;
import org.gdprsuite.events.dsr.DsrBatchReply;
import org.gdprsuite.events.dsr.DsrBatchReply.SubjectOutcome;
import org.gdprsuite.events.dsr.DsrReply.Outcome;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.runtime.outbox.Outbox;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Retention sweeps in bulk. Every matched person gets an approved erasure request of their own, with a task per
 * participant and the same audit trail as a data subject's request, so each erasure stays accountable on its own;
 * but the requests of a sweep chunk form one batch that goes to every participant as one command
 * ({@code dsr.erasure.batch-requested}) and comes back as one reply per participant with an outcome per request.
 * The bookkeeping is set-based SQL (one statement for a batch's requests, tasks or audit lines), not an entity per
 * row. Only {@code gdpr.erasure.batches-in-flight} batches are out at a time; the others wait in the database, so
 * a participant works through a large sweep without the orchestrator's retry clock running out on queued batches.
 * Failed or silent slices are asked again by {@link Requests#retryDue}, as a batch of the ones still owed.
 */
@ApplicationScoped
public class BatchErasures {

    private static final String RETENTION_ACTOR = "contact-service retention";
    private static final String ORCHESTRATOR = "erasure-service";
    /** Batches are dispatched by one transaction at a time ("dsr-batches"). */
    private static final long DISPATCH_LOCK = 0x6473_722d_6261_7463L;

    @Inject
    DataSource dataSource;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @ConfigProperty(name = "gdpr.erasure.batches-in-flight")
    int batchesInFlight;

    @ConfigProperty(name = "gdpr.erasure.retry-after")
    Duration retryAfter;

    /** A retention sweep matched these persons: one approved erasure request each, erased together as one batch. */
    @Transactional
    public UUID fromRetention(List<UUID> personIds, String policy) {
        UUID batchId = UUID.randomUUID();
        Instant now = clock.instant();
        List<UUID> requests = personIds.stream().map(p -> UUID.randomUUID()).toList();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO dsr_batch (id, action, created_at) VALUES (?, ?, ?)")) {
                insert.setObject(1, batchId);
                insert.setString(2, DsrAction.ERASE.name());
                insert.setObject(3, at(now));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO dsr_request (id, request_type, status, origin, person_ids, details, created_by,
                        received_at, due_at, verified_at, approved_at, approved_by, batch_id)
                    SELECT r, 'ERASURE', 'APPROVED', 'RETENTION', ARRAY[p], ?, ?, ?, ?, ?, ?, 'retention policy', ?
                    FROM unnest(?::uuid[], ?::uuid[]) AS t (r, p)
                    """)) {
                insert.setString(1, "retention policy " + policy);
                insert.setString(2, RETENTION_ACTOR);
                insert.setObject(3, at(now));
                insert.setObject(4, at(now.atZone(ZoneOffset.UTC).plusMonths(1).toInstant()));
                insert.setObject(5, at(now));
                insert.setObject(6, at(now));
                insert.setObject(7, batchId);
                insert.setArray(8, uuids(c, requests));
                insert.setArray(9, uuids(c, personIds));
                insert.executeUpdate();
            }
            audit(c, requests, RETENTION_ACTOR, "received", "retention policy");
            audit(c, requests, "retention policy", "approved", "1 person(s) resolved");
            dispatch(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the retention requests", e);
        }
        return batchId;
    }

    /**
     * One participant's answer for a batch: each request's task is done, held or failed (then retried), once; the
     * requests every participant has answered are completed; a batch nobody owes an answer any more frees its slot.
     */
    @Transactional
    public void replied(DsrBatchReply reply) {
        Instant now = clock.instant();
        List<UUID> done = new ArrayList<>();
        Map<UUID, String> held = new LinkedHashMap<>();
        Map<UUID, String> failed = new LinkedHashMap<>();
        for (SubjectOutcome outcome : reply.outcomes()) {
            switch (outcome.outcome()) {
                case DONE -> done.add(outcome.requestId());
                case HELD -> held.put(outcome.requestId(), outcome.legalReason());
                case FAILED -> failed.put(outcome.requestId(), outcome.error());
            }
        }
        String participant = reply.participant();
        try (Connection c = dataSource.getConnection()) {
            List<UUID> answered = new ArrayList<>();
            answered.addAll(answer(c, participant, Outcome.DONE, done, null, now));
            answered.addAll(answer(c, participant, Outcome.HELD, List.copyOf(held.keySet()), held, now));
            answer(c, participant, Outcome.FAILED, List.copyOf(failed.keySet()), failed, now);
            complete(c, answered, now);
            if (settle(c, reply.batchId(), now)) {
                dispatch(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a batch reply", e);
        }
    }

    /** Settles batches nobody owes an answer any more and dispatches waiting ones (the periodic safety net). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settleAndDispatch() {
        em.flush(); // tasks timed out by the caller count as no longer owed
        try (Connection c = dataSource.getConnection()) {
            settle(c, null, clock.instant());
            dispatch(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not dispatch erasure batches", e);
        }
    }

    /** Asks one participant again for the requests of a batch it still owes (failed or silent). */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent askAgain(UUID batchId, String participant, List<DataSubjectRequest> requests) {
        return outbox.publish(EventType.DSR_ERASURE_BATCH_REQUESTED, batchId.toString(),
                new DsrBatchCommand(batchId, requests.stream().map(BatchErasures::subject).toList(), List.of(participant)));
    }

    /** Fans out the oldest waiting batches while fewer than {@code batchesInFlight} are out. */
    private void dispatch(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, DISPATCH_LOCK);
            lock.execute();
        }
        List<String> participants = Participant.<Participant> listAll(Sort.by("name")).stream()
                .filter(p -> p.actions.contains(DsrAction.ERASE.name())).map(p -> p.name).toList();
        if (participants.isEmpty()) {
            return; // no participant has announced itself yet: the batches wait
        }
        List<UUID> next = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT id FROM dsr_batch WHERE dispatched_at IS NULL AND settled_at IS NULL ORDER BY created_at
                LIMIT greatest(0, ? - (SELECT count(*) FROM dsr_batch WHERE dispatched_at IS NOT NULL AND settled_at IS NULL))
                """)) {
            select.setInt(1, batchesInFlight);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    next.add(rs.getObject(1, UUID.class));
                }
            }
        }
        for (UUID batchId : next) {
            fanOut(c, batchId, participants);
        }
    }

    private void fanOut(Connection c, UUID batchId, List<String> participants) throws SQLException {
        Instant now = clock.instant();
        List<DsrBatchCommand.Subject> subjects = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id, CAST(person_ids AS text[]) FROM dsr_request WHERE batch_id = ? AND status = 'APPROVED' ORDER BY id")) {
            select.setObject(1, batchId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    List<UUID> persons = java.util.Arrays.stream((String[]) rs.getArray(2).getArray()).map(UUID::fromString)
                            .toList();
                    subjects.add(new DsrBatchCommand.Subject(rs.getObject(1, UUID.class), new SubjectIds(persons, List.of())));
                }
            }
        }
        List<UUID> requests = subjects.stream().map(DsrBatchCommand.Subject::requestId).toList();
        if (!requests.isEmpty()) {
            CloudEvent command = outbox.publish(EventType.DSR_ERASURE_BATCH_REQUESTED, batchId.toString(),
                    new DsrBatchCommand(batchId, subjects, participants));
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO dsr_task (request_id, participant, action, status, command_id, attempts, next_retry_at)
                    SELECT r, p, 'ERASE', 'PENDING', ?, 1, ? FROM unnest(?::uuid[]) AS r CROSS JOIN unnest(?::text[]) AS p
                    """)) {
                insert.setString(1, command.id());
                insert.setObject(2, at(now.plus(retryAfter)));
                insert.setArray(3, uuids(c, requests));
                insert.setArray(4, c.createArrayOf("text", participants.toArray(String[]::new)));
                insert.executeUpdate();
            }
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE dsr_request SET status = 'IN_PROGRESS', version = version + 1 WHERE id = ANY (?)")) {
                update.setArray(1, uuids(c, requests));
                update.executeUpdate();
            }
            audit(c, requests, ORCHESTRATOR, "fanned out",
                    DsrAction.ERASE + " to " + participants.size() + " participant(s) in batch " + batchId);
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE dsr_batch SET dispatched_at = ?, settled_at = CASE WHEN ? THEN CAST(? AS timestamptz) END WHERE id = ?")) {
            update.setObject(1, at(now));
            update.setBoolean(2, requests.isEmpty()); // every request of it was rejected meanwhile
            update.setObject(3, at(now));
            update.setObject(4, batchId);
            update.executeUpdate();
        }
    }

    /**
     * Records one outcome for the participant's tasks of these requests that are not answered yet (a replayed or
     * duplicate reply changes nothing); returns the requests whose task it answered, each audited.
     */
    private List<UUID> answer(Connection c, String participant, Outcome outcome, List<UUID> requests,
            Map<UUID, String> texts, Instant now) throws SQLException {
        if (requests.isEmpty()) {
            return List.of();
        }
        String set = switch (outcome) {
            case DONE -> "status = 'DONE', answered_at = ?, next_retry_at = NULL, error = NULL";
            case HELD -> "status = 'HELD', answered_at = ?, next_retry_at = NULL, legal_reason = a.text";
            // Asked again after a back-off that doubles with each attempt, as for a single request.
            case FAILED -> "status = 'FAILED', error = a.text, next_retry_at = ?::timestamptz"
                    + " + make_interval(secs => ? * power(2, least(t.attempts - 1, 10)))";
        };
        List<UUID> answered = new ArrayList<>();
        List<String> details = new ArrayList<>();
        try (PreparedStatement update = c.prepareStatement("UPDATE dsr_task t SET " + set
                + " FROM unnest(?::uuid[], ?::text[]) AS a (request_id, text)"
                + " WHERE t.request_id = a.request_id AND t.participant = ? AND t.status NOT IN ('DONE', 'HELD')"
                + " RETURNING t.request_id, a.text")) {
            int i = 1;
            update.setObject(i++, at(now));
            if (outcome == Outcome.FAILED) {
                update.setLong(i++, retryAfter.toSeconds());
            }
            update.setArray(i++, uuids(c, requests));
            update.setArray(i++, c.createArrayOf("text",
                    requests.stream().map(r -> texts == null ? null : texts.get(r)).toArray(String[]::new)));
            update.setString(i, participant);
            try (ResultSet rs = update.executeQuery()) {
                while (rs.next()) {
                    answered.add(rs.getObject(1, UUID.class));
                    details.add(outcome == Outcome.HELD ? rs.getString(2) : outcome == Outcome.FAILED ? "will retry" : null);
                }
            }
        }
        String action = "participant " + (outcome == Outcome.HELD ? "held" : outcome == Outcome.DONE ? "done" : "failed");
        audit(c, answered, participant, action, details);
        return outcome == Outcome.FAILED ? List.of() : answered;
    }

    /** Completes the requests whose every task is answered: partially if a slice is held. */
    private void complete(Connection c, List<UUID> requests, Instant now) throws SQLException {
        if (requests.isEmpty()) {
            return;
        }
        List<UUID> completed = new ArrayList<>();
        List<UUID> partial = new ArrayList<>();
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE dsr_request r SET completed_at = ?, version = r.version + 1,
                    status = CASE WHEN EXISTS (SELECT 1 FROM dsr_task t WHERE t.request_id = r.id AND t.status = 'HELD')
                        THEN 'PARTIALLY_COMPLETED' ELSE 'COMPLETED' END
                WHERE r.id = ANY (?) AND r.status = 'IN_PROGRESS'
                  AND NOT EXISTS (SELECT 1 FROM dsr_task t WHERE t.request_id = r.id AND t.status NOT IN ('DONE', 'HELD'))
                RETURNING r.id, r.status
                """)) {
            update.setObject(1, at(now));
            update.setArray(2, uuids(c, requests.stream().distinct().toList()));
            try (ResultSet rs = update.executeQuery()) {
                while (rs.next()) {
                    ("COMPLETED".equals(rs.getString(2)) ? completed : partial).add(rs.getObject(1, UUID.class));
                }
            }
        }
        audit(c, completed, ORCHESTRATOR, "completed", (String) null);
        audit(c, partial, ORCHESTRATOR, "partially_completed", (String) null);
    }

    /** Marks dispatched batches (one, or all if {@code batchId} is null) settled once no task of them is pending. */
    private static boolean settle(Connection c, UUID batchId, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE dsr_batch b SET settled_at = ?
                WHERE (CAST(? AS uuid) IS NULL OR b.id = ?) AND b.dispatched_at IS NOT NULL AND b.settled_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM dsr_request r JOIN dsr_task t ON t.request_id = r.id
                                  WHERE r.batch_id = b.id AND t.status = 'PENDING')
                """)) {
            update.setObject(1, at(now));
            update.setObject(2, batchId);
            update.setObject(3, batchId);
            return update.executeUpdate() > 0;
        }
    }

    private void audit(Connection c, List<UUID> requests, String actor, String action, String detail)
            throws SQLException {
        audit(c, requests, actor, action, java.util.Collections.nCopies(requests.size(), detail));
    }

    /** One audit line per request, in one statement. */
    private void audit(Connection c, List<UUID> requests, String actor, String action, List<String> details)
            throws SQLException {
        if (requests.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO dsr_audit (request_id, at, actor, action, detail)
                SELECT r, ?, ?, ?, d FROM unnest(?::uuid[], ?::text[]) AS t (r, d)
                """)) {
            insert.setObject(1, at(clock.instant()));
            insert.setString(2, actor);
            insert.setString(3, action);
            insert.setArray(4, uuids(c, requests));
            insert.setArray(5, c.createArrayOf("text", details.toArray(String[]::new)));
            insert.executeUpdate();
        }
    }

    private static java.sql.Array uuids(Connection c, java.util.Collection<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.stream().map(UUID::toString).toArray(String[]::new));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static DsrBatchCommand.Subject subject(DataSubjectRequest request) {
        return new DsrBatchCommand.Subject(request.id, new SubjectIds(request.personIds, List.of()));
    }
}
