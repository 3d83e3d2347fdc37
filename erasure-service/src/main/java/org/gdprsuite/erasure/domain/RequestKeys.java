package org.gdprsuite.erasure.domain;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.erasure.config.ErasureConfig;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.crypto.RequestFields;
import org.gdprsuite.runtime.crypto.ShreddedException;
import org.gdprsuite.runtime.crypto.SubjectKeys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The data key of each request in the suite's key store, under which its mails and commands travel sealed on
 * Kafka (the requester may be no known person, so no person's key fits). Made at the first sealed value and noted
 * in table dsr_request_data_key; destroyed {@code gdpr.erasure.closed-key-grace} after the request is closed, so
 * its last mails are still sent, and from then on no copy opens: topic history, dead letters, replays.
 */
@ApplicationScoped
public class RequestKeys {

    /** Keys destroyed per run at most; the next run takes the rest. */
    private static final int BATCH = 500;

    @Inject
    RequestFields fields;

    @Inject
    SubjectKeys keys;

    @Inject
    Sql sql;

    @Inject
    AuditTrail audit;

    @Inject
    ErasureConfig config;

    @Inject
    Clock clock;

    /** The mail sealed for its request; {@code ShreddedException} once the request's key is destroyed. */
    public NotificationRequested seal(UUID requestId, NotificationRequested mail) {
        NotificationRequested sealed = fields.seal(requestId, mail);
        noted(requestId);
        return sealed;
    }

    /**
     * The subject's emails sealed for the request; without them once the request's key is destroyed (a command asked
     * again long after the request was closed: nothing goes in clear, and the retries go on).
     */
    public SubjectIds seal(UUID requestId, SubjectIds subject) {
        try {
            SubjectIds sealed = fields.seal(requestId, subject);
            noted(requestId);
            return sealed;
        } catch (ShreddedException closed) {
            return new SubjectIds(subject.personIds(), List.of());
        }
    }

    /**
     * A rectification's new values sealed for the request; none once the request's key is destroyed (contact-service
     * then changes nothing and the retries go on until the request times out).
     */
    public Map<String, String> seal(UUID requestId, Map<String, String> corrections) {
        if (corrections.isEmpty()) {
            return corrections;
        }
        try {
            Map<String, String> sealed = fields.sealCorrections(requestId, corrections);
            noted(requestId);
            return sealed;
        } catch (ShreddedException closed) {
            return Map.of();
        }
    }

    /**
     * Destroys the keys of requests closed longer ago than the grace; returns how many. The key store commits at
     * once: if this transaction then rolls back, the next run destroys them again (idempotent).
     */
    @Transactional
    public int destroyClosed() {
        List<UUID> closed = sql.list(
                """
                SELECT k.request_id FROM dsr_request_data_key k JOIN dsr_request r ON r.id = k.request_id
                WHERE k.destroyed_at IS NULL AND r.completed_at <= ?
                ORDER BY r.completed_at LIMIT ? FOR UPDATE OF k SKIP LOCKED
                """,
                rs -> Sql.uuid(rs, "request_id"),
                clock.instant().minus(config.erasure().closedKeyGrace()),
                BATCH);
        if (closed.isEmpty()) {
            return 0;
        }
        keys.destroy(closed.stream().map(SealedFields::requestSubject).toList());
        sql.update(
                "UPDATE dsr_request_data_key SET destroyed_at = ? WHERE request_id = ANY (?::uuid[])",
                clock.instant(),
                closed);
        audit.record(closed, AuditTrail.ORCHESTRATOR, "mail and command key destroyed", null);
        return closed.size();
    }

    private void noted(UUID requestId) {
        sql.update("INSERT INTO dsr_request_data_key (request_id) VALUES (?) ON CONFLICT DO NOTHING", requestId);
    }
}
