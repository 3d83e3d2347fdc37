-- Retention sweeps are erased in batches: each matched person still has an erasure request of their own, with
-- a task per participant and the audit trail, but a batch of them goes to each participant as one command
-- (dsr.erasure.batch-requested), answered once with an outcome per request. A few batches are in flight at a
-- time; the others wait (not dispatched) so that retries stay meaningful however large the sweep.
CREATE TABLE dsr_batch (
    id            uuid PRIMARY KEY,
    action        varchar(30) NOT NULL,
    created_at    timestamptz NOT NULL,
    -- Fanned out to the participants; null while waiting for a free slot.
    dispatched_at timestamptz,
    -- No participant owes an answer for it any more (failed slices are retried on their own).
    settled_at    timestamptz
);
CREATE INDEX dsr_batch_open_idx ON dsr_batch (created_at) WHERE settled_at IS NULL;

ALTER TABLE dsr_request ADD COLUMN batch_id uuid REFERENCES dsr_batch (id);
CREATE INDEX dsr_request_batch_idx ON dsr_request (batch_id) WHERE batch_id IS NOT NULL;
