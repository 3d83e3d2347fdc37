-- The orchestrator of data-subject requests: subjects, verification, the participants that announced
-- themselves, one task per participant and request, the export bundle, and the audit trail.
ALTER TABLE dsr_request
    ADD COLUMN origin             varchar(20)  NOT NULL DEFAULT 'STAFF',
    ADD COLUMN email              varchar(320),
    ADD COLUMN person_ids         uuid[]       NOT NULL DEFAULT '{}',
    ADD COLUMN details            text,
    ADD COLUMN created_by         varchar(200),
    ADD COLUMN verified_at        timestamptz,
    ADD COLUMN approved_at        timestamptz,
    ADD COLUMN approved_by        varchar(200),
    ADD COLUMN completed_at       timestamptz,
    ADD COLUMN rejection_reason   text,
    ADD COLUMN duplicate_of       uuid REFERENCES dsr_request (id),
    ADD COLUMN extended_months    integer      NOT NULL DEFAULT 0,
    ADD COLUMN extension_reason   text,
    ADD COLUMN escalated_at       timestamptz,
    ADD COLUMN version            bigint       NOT NULL DEFAULT 0;
CREATE INDEX dsr_request_email_idx ON dsr_request (lower(email));
CREATE INDEX dsr_request_status_idx ON dsr_request (status);

-- Public requests are verified by a code (hashed here) or a single-use link sent to the address.
CREATE TABLE dsr_verification (
    request_id  uuid PRIMARY KEY REFERENCES dsr_request (id),
    code_sha256 char(64)    NOT NULL,
    expires_at  timestamptz NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0
);

-- Services that announced they hold a slice of personal data (dsr.participant.announced).
CREATE TABLE dsr_participant (
    name         varchar(100) PRIMARY KEY,
    version      varchar(50),
    slice        varchar(500),
    actions      text[]       NOT NULL,
    announced_at timestamptz  NOT NULL
);

-- What each participant was asked and answered for a request.
CREATE TABLE dsr_task (
    request_id    uuid         NOT NULL REFERENCES dsr_request (id),
    participant   varchar(100) NOT NULL,
    action        varchar(30)  NOT NULL,
    status        varchar(20)  NOT NULL,
    command_id    varchar(100) NOT NULL,
    attempts      integer      NOT NULL DEFAULT 1,
    next_retry_at timestamptz,
    answered_at   timestamptz,
    legal_reason  text,
    error         text,
    slice         jsonb,
    PRIMARY KEY (request_id, participant)
);
CREATE INDEX dsr_task_retry_idx ON dsr_task (next_retry_at) WHERE status IN ('PENDING', 'FAILED');

-- The assembled export of an access / portability request, downloadable once through a signed link.
CREATE TABLE dsr_export (
    request_id    uuid PRIMARY KEY REFERENCES dsr_request (id),
    bundle        jsonb       NOT NULL,
    ready_at      timestamptz NOT NULL,
    downloaded_at timestamptz
);

-- Every transition and decision: who, when, what.
CREATE TABLE dsr_audit (
    id         bigserial    PRIMARY KEY,
    request_id uuid         NOT NULL REFERENCES dsr_request (id),
    at         timestamptz  NOT NULL,
    actor      varchar(200) NOT NULL,
    action     varchar(60)  NOT NULL,
    detail     text
);
CREATE INDEX dsr_audit_request_idx ON dsr_audit (request_id, id);
