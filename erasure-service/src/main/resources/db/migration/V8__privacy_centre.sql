-- The privacy centre (package centre): a person signs in by proving an address with a mailed code or one-time
-- link (centre_sign_in, the code stored hashed, the mail sealed under a key of its own, destroyed once the sign-in
-- is used or expired), then holds a short session bound to that address (centre_session). The browser keeps only
-- a random id; the row keeps its hash, so a copy of this table opens no session. Each session has its own anti-CSRF
-- token, checked on every form that changes something.
CREATE TABLE centre_sign_in (
    id               uuid PRIMARY KEY,
    email            text        NOT NULL,
    code_sha256      char(64)    NOT NULL,
    expires_at       timestamptz NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    used_at          timestamptz,
    key_destroyed_at timestamptz
);
CREATE INDEX centre_sign_in_key_live ON centre_sign_in (expires_at) WHERE key_destroyed_at IS NULL;

CREATE TABLE centre_session (
    id_sha256  char(64) PRIMARY KEY,
    email      text        NOT NULL,
    csrf_token text        NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX centre_session_expiry ON centre_session (expires_at);
