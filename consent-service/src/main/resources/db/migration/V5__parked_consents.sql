-- Issue 20: a consent.recorded from consent.inbound may name a person contact-service has not announced yet (a
-- person and their consent published at once on two topics, e.g. by a CSV import). Such a record waits here,
-- outside the ledger (no orphans), and is recorded when contact.events announces the person; one still waiting
-- after gdpr.consent.unknown-person-wait is dead-lettered. The envelope holds the evidence until then.
CREATE TABLE parked_consent (
    seq         bigserial    PRIMARY KEY,
    event_id    varchar(200) NOT NULL UNIQUE,
    person_id   uuid         NOT NULL,
    envelope    text         NOT NULL,
    parked_at   timestamptz  NOT NULL
);
CREATE INDEX parked_consent_person_idx ON parked_consent (person_id);
CREATE INDEX parked_consent_parked_at_idx ON parked_consent (parked_at);
