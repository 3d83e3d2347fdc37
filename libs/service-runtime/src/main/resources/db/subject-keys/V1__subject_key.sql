-- The key store (libs/service-runtime, crypto): one AES-256 data key per data subject, shared by every
-- service that seals or opens their personal data (at rest and in events), stored only wrapped (AES-GCM)
-- by a master key from the configuration; master_key_id says which, for rotation. Erasure destroys the
-- wrapped key (crypto-shredding) and keeps the row as a tombstone, so nothing sealed for the subject, in
-- any service, backup or topic, can be opened again and no new key is made for them.
-- Each service that uses the store applies this location (Flyway serializes them with a lock).
CREATE TABLE IF NOT EXISTS subject_key (
    subject_id    varchar(200) PRIMARY KEY,
    wrapped_key   bytea,
    master_key_id varchar(50),
    created_at    timestamptz  NOT NULL DEFAULT now(),
    rotated_at    timestamptz,
    destroyed_at  timestamptz,
    CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL)),
    CHECK ((wrapped_key IS NULL) = (master_key_id IS NULL))
);
CREATE INDEX IF NOT EXISTS subject_key_master_idx ON subject_key (master_key_id) WHERE master_key_id IS NOT NULL;
