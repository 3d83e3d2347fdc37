-- Issue 22: the register of recipients and processors (Art. 28, 30(1)(d)) and the notices they get of erasures,
-- restrictions and rectifications (Art. 19). A recipient is kept like the record of processing activities: every
-- change a new version (who, when, which fields), a removal a last version marked removed, never an update.
CREATE TABLE recipient_version (
    recipient_id   uuid         NOT NULL,
    version        integer      NOT NULL CHECK (version > 0),
    document       jsonb        NOT NULL,
    removed        boolean      NOT NULL DEFAULT false,
    changed_fields text[]       NOT NULL DEFAULT '{}',
    changed_by     varchar(200) NOT NULL,
    changed_at     timestamptz  NOT NULL,
    PRIMARY KEY (recipient_id, version)
);

CREATE FUNCTION recipient_version_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the recipients register keeps every version';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER recipient_version_append_only BEFORE UPDATE OR DELETE ON recipient_version
    FOR EACH ROW EXECUTE FUNCTION recipient_version_append_only();

-- The key a recipient's webhook calls are signed with (HMAC-SHA256), sealed under the recipient's data key in the
-- suite's key store (SubjectCipher): never in clear at rest, shown once when made.
CREATE TABLE recipient_secret (
    recipient_id uuid        PRIMARY KEY,
    sealed       text        NOT NULL,
    created_at   timestamptz NOT NULL
);

-- One notice per recipient × request × kind: the outbox of the webhook calls and the record of who was told and
-- when. PENDING until its endpoint answers 2xx (SENT), retried with backoff, DEAD after the last attempt (the DPO
-- lists and retries those); MANUAL for a recipient without an endpoint (the DPO tells it by other means).
CREATE TABLE recipient_notification (
    id              uuid         PRIMARY KEY,
    recipient_id    uuid         NOT NULL,
    recipient_name  varchar(300) NOT NULL,
    request_id      uuid         NOT NULL,
    kind            varchar(40)  NOT NULL,
    person_ids      uuid[]       NOT NULL,
    purposes        text[]       NOT NULL,
    state           varchar(20)  NOT NULL CHECK (state IN ('PENDING', 'SENT', 'DEAD', 'MANUAL')),
    attempts        integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    last_error      varchar(500),
    created_at      timestamptz  NOT NULL,
    sent_at         timestamptz,
    UNIQUE (recipient_id, request_id, kind)
);
CREATE INDEX recipient_notification_due_idx ON recipient_notification (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX recipient_notification_request_idx ON recipient_notification (request_id);
CREATE INDEX recipient_notification_state_idx ON recipient_notification (state, created_at);
