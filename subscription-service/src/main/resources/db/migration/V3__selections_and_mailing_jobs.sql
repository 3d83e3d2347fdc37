-- Selections (saved filters over the read models) and mailings as jobs: one row per job, one per recipient.

-- When the person entered the CRM (the time of their person.created event; null for persons known before).
ALTER TABLE contact_read_model ADD COLUMN created_at timestamptz;
CREATE INDEX contact_read_model_created_idx ON contact_read_model (created_at);
-- Why a purpose is not allowed, the decision's reason codes comma-separated (null for states from before).
ALTER TABLE consent_read_model ADD COLUMN reasons varchar(200);
CREATE INDEX consent_read_model_person_idx ON consent_read_model (person_id);

CREATE TABLE selection (
    id         uuid         PRIMARY KEY,
    name       varchar(200) NOT NULL UNIQUE,
    criteria   text         NOT NULL,
    created_by varchar(200),
    created_at timestamptz  NOT NULL,
    updated_at timestamptz  NOT NULL
);

CREATE TABLE mailing (
    id              uuid         PRIMARY KEY,
    kind            varchar(20)  NOT NULL,
    type_key        varchar(100) REFERENCES subscription_type (type_key),
    selection_id    uuid         REFERENCES selection (id),
    subject         varchar(200) NOT NULL,
    body            text         NOT NULL,
    state           varchar(20)  NOT NULL,
    override_reason varchar(2000),
    created_by      varchar(200),
    created_at      timestamptz  NOT NULL,
    started_at      timestamptz,
    finished_at     timestamptz
);
CREATE INDEX mailing_active_idx ON mailing (created_at) WHERE state IN ('QUEUED', 'RUNNING');

-- One row per recipient: PENDING, claimed as SENDING (committed before the mail goes out), then SENT,
-- SKIPPED (reason), FAILED (after retries), UNKNOWN (a claim a crash left in doubt: never resent) or CANCELLED.
CREATE TABLE mailing_recipient (
    mailing_id      uuid        NOT NULL REFERENCES mailing (id),
    person_id       uuid        NOT NULL,
    state           varchar(20) NOT NULL,
    reason          varchar(40),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    claimed_at      timestamptz,
    updated_at      timestamptz,
    PRIMARY KEY (mailing_id, person_id)
);
CREATE INDEX mailing_recipient_state_idx ON mailing_recipient (mailing_id, state, person_id);
CREATE INDEX mailing_recipient_claimed_idx ON mailing_recipient (claimed_at) WHERE state = 'SENDING';

-- Who did what to a mailing (created, override with its reason, cancelled, completed): never updated.
CREATE TABLE mailing_audit (
    id         bigserial    PRIMARY KEY,
    mailing_id uuid         NOT NULL REFERENCES mailing (id),
    at         timestamptz  NOT NULL,
    actor      varchar(200),
    action     varchar(40)  NOT NULL,
    detail     varchar(2000)
);
CREATE INDEX mailing_audit_mailing_idx ON mailing_audit (mailing_id, id);
