package org.gdprsuite.erasure.fanout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.erasure.domain.Sql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The SQL of dsr_batch: retention requests fanned out together. A few batches are out at a time; the others
 * wait, so that retries stay meaningful however large a sweep; a batch nobody owes an answer any more is settled.
 */
@ApplicationScoped
public class BatchStore {

    /** Batches are dispatched by one transaction at a time ("dsr-batches"). */
    private static final long DISPATCH_LOCK = 0x6473_722d_6261_7463L;

    @Inject
    Sql sql;

    public void insert(UUID id, String action, Instant createdAt) {
        sql.update("INSERT INTO dsr_batch (id, action, created_at) VALUES (?, ?, ?)", id, action, createdAt);
    }

    /** Until the transaction ends, no other one dispatches. */
    public void lockDispatch() {
        sql.list("SELECT pg_advisory_xact_lock(?)", rs -> Boolean.TRUE, DISPATCH_LOCK);
    }

    /** The oldest waiting batches, as many as fit beside those out. */
    public List<UUID> nextToDispatch(int inFlight) {
        return sql.list("""
                SELECT id FROM dsr_batch WHERE dispatched_at IS NULL AND settled_at IS NULL ORDER BY created_at
                LIMIT greatest(0, ? - (SELECT count(*) FROM dsr_batch WHERE dispatched_at IS NOT NULL AND settled_at IS NULL))
                """, rs -> Sql.uuid(rs, "id"), inFlight);
    }

    /** Fanned out; settled at once if none of its requests was left to ask for. */
    public void dispatched(UUID id, Instant at, boolean settled) {
        sql.update(
                "UPDATE dsr_batch SET dispatched_at = ?, settled_at = CASE WHEN ? THEN CAST(? AS timestamptz) END WHERE id = ?",
                at,
                settled,
                at,
                id);
    }

    /** Marks dispatched batches (one, or all if {@code id} is null) settled once no task of them is pending. */
    public boolean settle(UUID id, Instant at) {
        return sql.update("""
                UPDATE dsr_batch b SET settled_at = ?
                WHERE (CAST(? AS uuid) IS NULL OR b.id = ?) AND b.dispatched_at IS NOT NULL AND b.settled_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM dsr_request r JOIN dsr_task t ON t.request_id = r.id
                                  WHERE r.batch_id = b.id AND t.status = 'PENDING')
                """, at, id, id) > 0;
    }
}
