package org.gdprsuite.erasure.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The SQL of dsr_task, set-based: a statement handles the tasks of one request or of ten thousand alike. An
 * answered task (done or held) is never changed again, so replayed or duplicate answers change nothing.
 */
@ApplicationScoped
public class TaskStore {

    private static final String UNANSWERED =
            "t.request_id = a.request_id AND t.participant = a.participant" + " AND t.status NOT IN ('DONE', 'HELD')";

    @Inject
    Sql sql;

    @Inject
    ObjectMapper json;

    /** A slice kept until the export is assembled; a held one has the legal reason instead. */
    public record Slice(String participant, TaskStatus status, String legalReason, JsonNode content) {}

    /** Asked: a pending task per request and participant, each request's with the command it was sent in. */
    public void create(Map<UUID, String> commandOf, List<String> participants, String action, Instant nextRetryAt) {
        sql.update(
                """
                INSERT INTO dsr_task (request_id, participant, action, status, command_id, attempts, next_retry_at)
                SELECT r, p, ?, 'PENDING', c, 1, ? FROM unnest(?::uuid[], ?::text[]) AS t (r, c) CROSS JOIN unnest(?::text[]) AS p
                """,
                action,
                nextRetryAt,
                List.copyOf(commandOf.keySet()),
                List.copyOf(commandOf.values()),
                participants);
    }

    /** The tasks of these requests, by request, each list by participant; one query for a whole page. */
    public Map<UUID, List<Task>> ofRequests(Collection<UUID> ids) {
        return sql
                .list(
                        """
                SELECT request_id, participant, action, status, attempts, answered_at, legal_reason, error
                FROM dsr_task WHERE request_id = ANY (?::uuid[]) ORDER BY request_id, participant
                """,
                        rs -> new Task(
                                Sql.uuid(rs, "request_id"),
                                rs.getString("participant"),
                                rs.getString("action"),
                                TaskStatus.valueOf(rs.getString("status")),
                                rs.getInt("attempts"),
                                Sql.instant(rs, "answered_at"),
                                rs.getString("legal_reason"),
                                rs.getString("error")),
                        List.copyOf(ids))
                .stream()
                .collect(Collectors.groupingBy(Task::requestId, LinkedHashMap::new, Collectors.toList()));
    }

    /** Done or held answers recorded on the tasks not answered yet; returns the tasks they answered. */
    public List<TaskKey> answer(List<Answer> answers, Instant at) {
        return sql.list(
                "UPDATE dsr_task t SET status = a.status, answered_at = ?, next_retry_at = NULL,"
                        + " error = CASE WHEN a.status = 'DONE' THEN NULL ELSE t.error END,"
                        + " legal_reason = CASE WHEN a.status = 'HELD' THEN a.text ELSE t.legal_reason END,"
                        + " slice = CASE WHEN a.status = 'DONE' THEN CAST(a.slice AS jsonb) ELSE t.slice END"
                        + " FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[]) AS a (request_id, participant, status, text, slice)"
                        + " WHERE " + UNANSWERED + " RETURNING t.request_id, t.participant",
                TaskStore::key,
                at,
                column(answers, Answer::requestId),
                column(answers, Answer::participant),
                column(answers, Answer::outcome),
                column(answers, Answer::text),
                column(answers, Answer::slice));
    }

    /** Failed answers recorded on the tasks not answered yet; returns those tasks with their attempts so far. */
    public Map<TaskKey, Integer> fail(List<Answer> answers) {
        Map<TaskKey, Integer> failed = new LinkedHashMap<>();
        sql.list(
                "UPDATE dsr_task t SET status = 'FAILED', error = a.text"
                        + " FROM unnest(?::uuid[], ?::text[], ?::text[]) AS a (request_id, participant, text)"
                        + " WHERE " + UNANSWERED + " RETURNING t.request_id, t.participant, t.attempts",
                rs -> failed.put(key(rs), rs.getInt("attempts")),
                column(answers, Answer::requestId),
                column(answers, Answer::participant),
                column(answers, Answer::text));
        return failed;
    }

    /** When each of these tasks is asked again. */
    public void retryAt(Map<TaskKey, Instant> at) {
        List<TaskKey> keys = List.copyOf(at.keySet());
        sql.update(
                "UPDATE dsr_task t SET next_retry_at = a.at"
                        + " FROM unnest(?::uuid[], ?::text[], ?::timestamptz[]) AS a (request_id, participant, at)"
                        + " WHERE t.request_id = a.request_id AND t.participant = a.participant",
                column(keys, TaskKey::requestId),
                column(keys, TaskKey::participant),
                column(keys, at::get));
    }

    /** Asked again in a new command: one attempt more, the next retry after it. */
    public void askedAgain(Map<TaskKey, String> commandOf, Map<TaskKey, Instant> nextRetryAt) {
        List<TaskKey> keys = List.copyOf(commandOf.keySet());
        sql.update(
                "UPDATE dsr_task t SET attempts = t.attempts + 1, command_id = a.command, next_retry_at = a.at"
                        + " FROM unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) AS a (request_id, participant, command, at)"
                        + " WHERE t.request_id = a.request_id AND t.participant = a.participant",
                column(keys, TaskKey::requestId),
                column(keys, TaskKey::participant),
                column(keys, commandOf::get),
                column(keys, nextRetryAt::get));
    }

    /** No answer after the last attempt. */
    public void timeOut(List<TaskKey> keys) {
        sql.update(
                "UPDATE dsr_task t SET status = 'TIMED_OUT', next_retry_at = NULL"
                        + " FROM unnest(?::uuid[], ?::text[]) AS a (request_id, participant)"
                        + " WHERE t.request_id = a.request_id AND t.participant = a.participant",
                column(keys, TaskKey::requestId),
                column(keys, TaskKey::participant));
    }

    /** Pending or failed tasks whose next attempt is due, oldest request first. */
    public List<DueTask> due(Instant now) {
        return sql.list(
                """
                SELECT t.request_id, t.participant, t.action, t.attempts, r.batch_id,
                    CAST(r.person_ids AS text[]) AS person_ids, r.email
                FROM dsr_task t JOIN dsr_request r ON r.id = t.request_id
                WHERE t.status IN ('PENDING', 'FAILED') AND t.next_retry_at <= ?
                    AND r.status IN ('APPROVED', 'IN_PROGRESS')
                ORDER BY r.received_at, t.request_id, t.participant
                """,
                rs -> new DueTask(
                        Sql.uuid(rs, "request_id"),
                        rs.getString("participant"),
                        rs.getString("action"),
                        rs.getInt("attempts"),
                        Sql.uuid(rs, "batch_id"),
                        Sql.uuids(rs, "person_ids"),
                        rs.getString("email")),
                now);
    }

    /** A request's slices by participant, and none kept afterwards: the export bundle is the one copy. */
    public List<Slice> takeSlices(UUID requestId) {
        List<Slice> slices = sql.list(
                """
                SELECT participant, status, legal_reason, CAST(slice AS text) AS slice FROM dsr_task
                WHERE request_id = ? ORDER BY participant
                """,
                rs -> new Slice(
                        rs.getString("participant"),
                        TaskStatus.valueOf(rs.getString("status")),
                        rs.getString("legal_reason"),
                        parse(rs.getString("slice"))),
                requestId);
        sql.update("UPDATE dsr_task SET slice = NULL WHERE request_id = ?", requestId);
        return slices;
    }

    private JsonNode parse(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored slice is not JSON", e);
        }
    }

    private static TaskKey key(ResultSet rs) throws SQLException {
        return new TaskKey(Sql.uuid(rs, "request_id"), rs.getString("participant"));
    }

    private static <T> List<Object> column(List<T> rows, Function<T, ?> value) {
        return rows.stream().<Object>map(value).toList();
    }
}
