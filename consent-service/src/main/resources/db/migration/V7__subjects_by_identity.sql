-- Issue 20: integrating systems name a subject by personId, by email or by their own id (source system + id).
-- Addresses and external ids are kept only as keyed hashes (HMAC-SHA256 under a key in the suite's key store):
-- enough to find a subject again, nothing to read back.

-- Which subject an identity names: a person contact-service announced, or a pending subject (an address or an
-- external id the suite does not know as a person yet, with consents of its own). Several persons may share an
-- address; a pending subject has one row per identity it was named by.
CREATE TABLE subject_identity (
    identity_hash char(64)    NOT NULL,
    subject_id    uuid        NOT NULL,
    kind          varchar(10) NOT NULL CHECK (kind IN ('EMAIL', 'EXTERNAL')),
    pending       boolean     NOT NULL,
    PRIMARY KEY (identity_hash, subject_id)
);
CREATE INDEX subject_identity_subject_idx ON subject_identity (subject_id);

-- A pending subject's records are in the ledger under its own id (subject_state.pending). When a person with its
-- address is announced they attach: each record is appended again under the person's id, with its original
-- effective and recorded times and its evidence (attached_from names the original, whose evidence then goes), so
-- the ledger stays append-only and the proof at a date unchanged.
CREATE TABLE pending_subject (
    id          uuid        PRIMARY KEY,
    created_at  timestamptz NOT NULL,
    attached_to uuid,
    attached_at timestamptz
);

ALTER TABLE subject_state ADD COLUMN pending boolean NOT NULL DEFAULT false;
ALTER TABLE consent_record ADD COLUMN attached_from uuid REFERENCES consent_record (id);

-- The append-only rule (V2) covers the new column: it is never changed either.
CREATE FUNCTION consent_record_attached_from_fixed() RETURNS trigger AS $$
BEGIN
    IF NEW.attached_from IS DISTINCT FROM OLD.attached_from THEN
        RAISE EXCEPTION 'the consent ledger is append-only; only evidence may be erased';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER consent_record_attached_from_fixed BEFORE UPDATE ON consent_record
    FOR EACH ROW EXECUTE FUNCTION consent_record_attached_from_fixed();
