-- Requests whose mails (notification.requests: address, codes, links) and commands (dsr.commands: the subject's
-- emails) travel sealed under a data key of the request in the suite's key store (subject dsr-request:<id>). The
-- housekeeping destroys that key gdpr.erasure.closed-key-grace after the request is closed and notes it here; from
-- then on no copy of those records opens.
CREATE TABLE dsr_request_data_key (
    request_id   uuid PRIMARY KEY REFERENCES dsr_request (id) ON DELETE CASCADE,
    destroyed_at timestamptz
);
CREATE INDEX dsr_request_data_key_live ON dsr_request_data_key (request_id) WHERE destroyed_at IS NULL;
