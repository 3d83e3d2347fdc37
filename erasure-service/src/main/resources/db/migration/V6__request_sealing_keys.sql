-- The key pair of each access or portability request: participants seal their export slices on dsr.replies to its
-- public key; the private key opens them here until the request is closed, then it is destroyed (the row stays as
-- a tombstone, so no new key is made for a closed request) and no copy of a slice (topic history, dead letters,
-- the slices stored here) opens again.
CREATE TABLE dsr_request_key (
    request_id   uuid PRIMARY KEY REFERENCES dsr_request (id) ON DELETE CASCADE,
    public_key   text        NOT NULL,
    private_key  bytea,
    created_at   timestamptz NOT NULL,
    destroyed_at timestamptz
);
CREATE INDEX dsr_request_key_live ON dsr_request_key (request_id) WHERE private_key IS NOT NULL;
