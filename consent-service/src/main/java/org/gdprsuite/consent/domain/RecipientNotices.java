package org.gdprsuite.consent.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.gdprsuite.consent.config.ConsentConfig;
import org.gdprsuite.consent.domain.RecipientRegister.Stored;
import org.gdprsuite.runtime.problem.DomainProblem;
import org.gdprsuite.runtime.web.Results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * The notices of Art. 19: when an erasure, restriction (or its lift) or rectification of a request is carried out,
 * every registered recipient of the purposes the request's persons were processed for is told, once per request
 * and kind. A notice is a row of {@code recipient_notification}: the outbox of the webhook call (sent with retries
 * and backoff, dead after the last attempt) and the record of who was told and when. The one place that reads and
 * writes that table.
 */
@ApplicationScoped
public class RecipientNotices {

    /** What was carried out. */
    public enum Kind {
        ERASURE,
        RESTRICTION,
        RESTRICTION_LIFTED,
        RECTIFICATION
    }

    public enum State {
        PENDING,
        SENT,
        DEAD,
        MANUAL
    }

    /** A notice as the DPO lists it. */
    public record Notice(
            UUID id,
            UUID recipientId,
            String recipientName,
            UUID requestId,
            Kind kind,
            List<UUID> personIds,
            List<String> purposes,
            State state,
            int attempts,
            Instant nextAttemptAt,
            String lastError,
            Instant createdAt,
            Instant sentAt) {}

    private static final String COLUMNS = "id, recipient_id, recipient_name, request_id, kind,"
            + " array_to_string(person_ids, ','), array_to_string(purposes, ','), state, attempts, next_attempt_at,"
            + " last_error, created_at, sent_at";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    RecipientRegister recipients;

    @Inject
    ConsentConfig config;

    /**
     * Notices for every recipient of the persons' purposes (those a record of the ledger names, withdrawn ones too:
     * data may have been disclosed under them). In the caller's transaction; a second call for the same request and
     * kind adds nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int carriedOut(UUID requestId, Kind kind, List<UUID> personIds) {
        if (personIds.isEmpty()) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> held = em.createNativeQuery(
                        "SELECT DISTINCT purpose_key, person_id FROM consent_record WHERE person_id = ANY(?1)")
                .setParameter(1, personIds.toArray(UUID[]::new))
                .getResultList();
        Map<String, Set<UUID>> personsOf = held.stream()
                .collect(Collectors.groupingBy(
                        row -> (String) row[0], Collectors.mapping(row -> (UUID) row[1], Collectors.toSet())));
        int added = 0;
        for (Stored recipient : recipients.ofPurposes(personsOf.keySet())) {
            List<String> purposes = recipient.recipient().purposes().stream()
                    .filter(personsOf::containsKey)
                    .sorted()
                    .toList();
            Set<UUID> persons = new LinkedHashSet<>();
            purposes.forEach(p -> persons.addAll(personsOf.get(p)));
            boolean hook = recipient.recipient().webhookUrl() != null;
            Instant now = clock.instant();
            added += em.createNativeQuery("INSERT INTO recipient_notification (id, recipient_id, recipient_name,"
                            + " request_id, kind, person_ids, purposes, state, next_attempt_at, created_at)"
                            + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS text[]), ?8, ?9, ?10)"
                            + " ON CONFLICT (recipient_id, request_id, kind) DO NOTHING")
                    .setParameter(1, UUID.randomUUID())
                    .setParameter(2, recipient.id())
                    .setParameter(3, recipient.recipient().name())
                    .setParameter(4, requestId)
                    .setParameter(5, kind.name())
                    .setParameter(6, persons.toArray(UUID[]::new))
                    .setParameter(7, purposes.toArray(String[]::new))
                    .setParameter(8, (hook ? State.PENDING : State.MANUAL).name())
                    .setParameter(9, hook ? Timestamp.from(now) : null)
                    .setParameter(10, Timestamp.from(now))
                    .executeUpdate();
        }
        return added;
    }

    /** {@link #carriedOut} for a request the DPO carried out by hand, in a transaction of its own. */
    @Transactional
    public int tellByHand(UUID requestId, Kind kind, List<UUID> personIds) {
        return carriedOut(requestId, kind, personIds);
    }

    /**
     * Claims up to {@code limit} notices whose attempt is due: each is pushed past the call's time-out, so another
     * instance (or this one after a crash) takes it up again only if no outcome was written.
     */
    @Transactional
    public List<Notice> claimDue(int limit) {
        Instant now = clock.instant();
        List<Notice> due = rows(em.createNativeQuery("SELECT " + COLUMNS + " FROM recipient_notification"
                        + " WHERE state = 'PENDING' AND next_attempt_at <= ?1 ORDER BY next_attempt_at LIMIT ?2"
                        + " FOR UPDATE SKIP LOCKED")
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, limit)
                .getResultList());
        if (!due.isEmpty()) {
            Duration lease = config.consent().recipients().timeout().multipliedBy(3);
            em.createNativeQuery("UPDATE recipient_notification SET next_attempt_at = ?1 WHERE id = ANY(?2)")
                    .setParameter(1, Timestamp.from(now.plus(lease)))
                    .setParameter(2, due.stream().map(Notice::id).toArray(UUID[]::new))
                    .executeUpdate();
        }
        return due;
    }

    /** The outcome of an attempt: sent, or failed with a short reason (retried later, or dead after the last). */
    @Transactional
    public void attempted(UUID id, String error) {
        Instant now = clock.instant();
        if (error == null) {
            em.createNativeQuery("UPDATE recipient_notification SET state = 'SENT', attempts = attempts + 1,"
                            + " sent_at = ?2, next_attempt_at = NULL, last_error = NULL WHERE id = ?1")
                    .setParameter(1, id)
                    .setParameter(2, Timestamp.from(now))
                    .executeUpdate();
            return;
        }
        ConsentConfig.Recipients settings = config.consent().recipients();
        int attempts = ((Number)
                        em.createNativeQuery("SELECT attempts + 1 FROM recipient_notification WHERE id = ?1 FOR UPDATE")
                                .setParameter(1, id)
                                .getSingleResult())
                .intValue();
        boolean dead = attempts >= settings.maxAttempts();
        Instant next = dead
                ? null
                : now.plus(WebhookSignature.backoff(attempts, settings.retryInitial(), settings.retryMax()));
        em.createNativeQuery("UPDATE recipient_notification SET attempts = ?2, state = ?3, next_attempt_at = ?4,"
                        + " last_error = ?5 WHERE id = ?1")
                .setParameter(1, id)
                .setParameter(2, attempts)
                .setParameter(3, dead ? State.DEAD.name() : State.PENDING.name())
                .setParameter(4, next == null ? null : Timestamp.from(next))
                .setParameter(5, error.length() > 500 ? error.substring(0, 500) : error)
                .executeUpdate();
    }

    /** A dead notice is tried again from its first attempt. */
    @Transactional
    public Notice retry(UUID id) {
        int changed = em.createNativeQuery("UPDATE recipient_notification SET state = 'PENDING', attempts = 0,"
                        + " next_attempt_at = ?2 WHERE id = ?1 AND state = 'DEAD'")
                .setParameter(1, id)
                .setParameter(2, Timestamp.from(clock.instant()))
                .executeUpdate();
        Notice notice = find(id);
        if (changed == 0) {
            throw DomainProblem.conflict("notification-not-dead", "Only a dead notice is retried.");
        }
        return notice;
    }

    public Notice find(UUID id) {
        return rows(em.createNativeQuery("SELECT " + COLUMNS + " FROM recipient_notification WHERE id = ?1")
                        .setParameter(1, id)
                        .getResultList())
                .stream()
                .findFirst()
                .orElseThrow(() -> DomainProblem.notFound("notification-not-found", "No such notice."));
    }

    /** Notices newest first, filtered by state and/or request, a page at a time. */
    public Results<Notice> list(State state, UUID requestId, int page, int size) {
        List<String> conditions = new ArrayList<>();
        if (state != null) {
            conditions.add("state = :state");
        }
        if (requestId != null) {
            conditions.add("request_id = :request");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        Query count = em.createNativeQuery("SELECT count(*) FROM recipient_notification" + where);
        Query rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM recipient_notification" + where
                        + " ORDER BY created_at DESC, id OFFSET :offset LIMIT :limit")
                .setParameter("offset", Results.offset(page, size))
                .setParameter("limit", size);
        for (Query q : List.of(count, rows)) {
            if (state != null) {
                q.setParameter("state", state.name());
            }
            if (requestId != null) {
                q.setParameter("request", requestId);
            }
        }
        return new Results<>(rows(rows.getResultList()), page, size, ((Number) count.getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    private List<Notice> rows(List<?> result) {
        return ((List<Object[]>) result).stream().map(RecipientNotices::notice).toList();
    }

    private static Notice notice(Object[] row) {
        String persons = (String) row[5];
        String purposes = (String) row[6];
        return new Notice(
                (UUID) row[0],
                (UUID) row[1],
                (String) row[2],
                (UUID) row[3],
                Kind.valueOf((String) row[4]),
                persons.isEmpty()
                        ? List.of()
                        : Arrays.stream(persons.split(","))
                                .map(UUID::fromString)
                                .toList(),
                purposes.isEmpty() ? List.of() : List.of(purposes.split(",")),
                State.valueOf((String) row[7]),
                ((Number) row[8]).intValue(),
                ProcessingRegister.instant(row[9]),
                (String) row[10],
                ProcessingRegister.instant(row[11]),
                ProcessingRegister.instant(row[12]));
    }
}
