-- CSV imports and large bulk updates as jobs: answered 202 at once, run in chunks by the service's runner,
-- each chunk committed with its cursor so that a job interrupted mid-way resumes where it stopped.

CREATE TABLE import_job (
    id              uuid          PRIMARY KEY,
    -- The caller's Idempotency-Key (one job per caller and key) and a SHA-256 of what was asked (upload and options).
    idempotency_key varchar(200),
    request_hash    varchar(64)   NOT NULL,
    mode            varchar(20)   NOT NULL,
    duplicates      varchar(10)   NOT NULL,
    source          varchar(200)  NOT NULL,
    purpose         varchar(100),
    legal_basis     varchar(40),
    -- The roles of the caller, whose rights every row is written with (comma-separated).
    roles           varchar(500)  NOT NULL,
    -- The uploaded CSV, sealed under the job's own data key; null (and the key destroyed) once the job is over.
    upload          text,
    state           varchar(20)   NOT NULL,
    rows_total      int           NOT NULL,
    rows_done       int           NOT NULL DEFAULT 0,
    created         int           NOT NULL DEFAULT 0,
    merged          int           NOT NULL DEFAULT 0,
    skipped         int           NOT NULL DEFAULT 0,
    failed          int           NOT NULL DEFAULT 0,
    chunk_failures  int           NOT NULL DEFAULT 0,
    created_by      varchar(200),
    created_at      timestamptz   NOT NULL,
    started_at      timestamptz,
    finished_at     timestamptz,
    UNIQUE (created_by, idempotency_key)
);
CREATE INDEX import_job_active_idx ON import_job (created_at) WHERE state IN ('QUEUED', 'RUNNING');
CREATE INDEX import_job_created_idx ON import_job (created_at DESC, id);

-- One row per CSV row handled: its outcome (CREATED, MERGED, SKIPPED, FAILED), why (never the values), the person.
CREATE TABLE import_row (
    job_id     uuid         NOT NULL REFERENCES import_job (id),
    row_number int          NOT NULL,
    line       bigint       NOT NULL,
    outcome    varchar(10)  NOT NULL,
    reason     varchar(1000),
    person_id  uuid,
    PRIMARY KEY (job_id, row_number)
);
CREATE INDEX import_row_outcome_idx ON import_row (job_id, outcome, row_number);

CREATE TABLE bulk_update_job (
    id              uuid          PRIMARY KEY,
    category        varchar(20),
    owner           varchar(200),
    organisation_id uuid,
    -- The fields to set, as JSON sealed under the job's own data key (they may be sensitive); null once over.
    set_fields      text,
    roles           varchar(500)  NOT NULL,
    state           varchar(20)   NOT NULL,
    matched         int           NOT NULL,
    done            int           NOT NULL DEFAULT 0,
    updated         int           NOT NULL DEFAULT 0,
    batches         int           NOT NULL DEFAULT 0,
    chunk_failures  int           NOT NULL DEFAULT 0,
    created_by      varchar(200),
    created_at      timestamptz   NOT NULL,
    started_at      timestamptz,
    finished_at     timestamptz
);
CREATE INDEX bulk_update_job_active_idx ON bulk_update_job (created_at) WHERE state IN ('QUEUED', 'RUNNING');

-- The persons a bulk-update job matched when it was asked, in order: the job works through them by position.
CREATE TABLE bulk_update_target (
    job_id    uuid NOT NULL REFERENCES bulk_update_job (id),
    position  int  NOT NULL,
    person_id uuid NOT NULL,
    PRIMARY KEY (job_id, position)
);
