-- The privacy-centre catalogue and the consent ledger (Art. 6(1), Art. 7(1)).

-- A purpose's defaults for new persons and how long a consent given for it stays valid.
ALTER TABLE purpose
    ADD COLUMN default_legal_basis   varchar(40),
    ADD COLUMN retention_period      varchar(40),
    ADD COLUMN consent_validity_days integer CHECK (consent_validity_days > 0),
    ADD COLUMN data_categories       text[] NOT NULL DEFAULT '{}';

-- Versions of the privacy notice a person was shown; the hash proves which text it was.
CREATE TABLE privacy_notice (
    version      varchar(100) PRIMARY KEY,
    text_sha256  char(64)     NOT NULL,
    effective_at timestamptz  NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now()
);

-- Settings of the consent service (one row).
CREATE TABLE consent_setting (
    id                    smallint PRIMARY KEY CHECK (id = 1),
    send_consent_requests boolean  NOT NULL DEFAULT false
);
INSERT INTO consent_setting (id, send_consent_requests) VALUES (1, false);

-- The ledger: every legal-basis record ever made, never changed (only the evidence of an erased
-- person is destroyed), so that what was valid at any date can be proven.
CREATE TABLE consent_record (
    id                  uuid         PRIMARY KEY,
    person_id           uuid         NOT NULL,
    purpose_key         varchar(100) NOT NULL REFERENCES purpose (purpose_key),
    legal_basis         varchar(40)  NOT NULL,
    status              varchar(40)  NOT NULL,
    effective_at        timestamptz  NOT NULL,
    valid_until         timestamptz,
    recorded_at         timestamptz  NOT NULL,
    recorded_by         varchar(200) NOT NULL,
    source              varchar(40)  NOT NULL,
    channel             varchar(100),
    notice_version      varchar(100),
    evidence_ip         varchar(45),
    evidence_user_agent varchar(1000),
    evidence_form_id    varchar(200),
    event_id            varchar(200) UNIQUE
);
CREATE INDEX consent_record_person_purpose_idx ON consent_record (person_id, purpose_key, effective_at);

-- Append-only: rows are never deleted, and the only change allowed is erasing the evidence.
CREATE FUNCTION consent_record_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'the consent ledger is append-only';
    END IF;
    IF (NEW.id, NEW.person_id, NEW.purpose_key, NEW.legal_basis, NEW.status, NEW.effective_at, NEW.valid_until,
        NEW.recorded_at, NEW.recorded_by, NEW.source, NEW.channel, NEW.notice_version, NEW.event_id)
       IS DISTINCT FROM
       (OLD.id, OLD.person_id, OLD.purpose_key, OLD.legal_basis, OLD.status, OLD.effective_at, OLD.valid_until,
        OLD.recorded_at, OLD.recorded_by, OLD.source, OLD.channel, OLD.notice_version, OLD.event_id)
       OR NEW.evidence_ip IS NOT NULL OR NEW.evidence_user_agent IS NOT NULL OR NEW.evidence_form_id IS NOT NULL THEN
        RAISE EXCEPTION 'the consent ledger is append-only; only evidence may be erased';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER consent_record_append_only BEFORE UPDATE OR DELETE ON consent_record
    FOR EACH ROW EXECUTE FUNCTION consent_record_append_only();

-- Current state per person × purpose: the newest record by effective time. The decision API reads
-- only this table (primary-key lookups).
CREATE TABLE consent_state (
    person_id    uuid         NOT NULL,
    purpose_key  varchar(100) NOT NULL REFERENCES purpose (purpose_key),
    legal_basis  varchar(40)  NOT NULL,
    status       varchar(40)  NOT NULL,
    effective_at timestamptz  NOT NULL,
    valid_until  timestamptz,
    record_id    uuid         NOT NULL REFERENCES consent_record (id),
    PRIMARY KEY (purpose_key, person_id)
);
CREATE INDEX consent_state_person_idx ON consent_state (person_id);
CREATE INDEX consent_state_expiring_idx ON consent_state (valid_until) WHERE status = 'GRANTED' AND valid_until IS NOT NULL;
