-- Data-subject requests (Art. 15-21). Later migrations add subjects, participants and the audit trail.
CREATE TABLE dsr_request (
    id           uuid PRIMARY KEY,
    request_type varchar(20) NOT NULL
        CHECK (request_type IN ('ACCESS', 'PORTABILITY', 'ERASURE', 'RECTIFICATION', 'RESTRICTION', 'OBJECTION')),
    status       varchar(30) NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    due_at       timestamptz NOT NULL
);

CREATE INDEX dsr_request_due_idx ON dsr_request (due_at);
