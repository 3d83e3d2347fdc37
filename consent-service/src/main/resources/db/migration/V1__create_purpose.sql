-- The purposes catalogue: what personal data is processed for. Later migrations add legal
-- bases, privacy-notice versions and the consent ledger.
CREATE TABLE purpose (
    purpose_key      varchar(100) PRIMARY KEY,
    name             varchar(200) NOT NULL,
    description      text,
    consent_required boolean      NOT NULL DEFAULT true,
    created_at       timestamptz  NOT NULL DEFAULT now()
);
