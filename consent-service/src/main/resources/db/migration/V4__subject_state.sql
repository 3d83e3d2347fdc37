-- Issue 20: the decision honours every right, not only the legal basis. What other services tell
-- consent-service about a person (contact.events, subscription.events, objections on consent.inbound) is
-- kept here, so the decision API reads it by primary key next to consent_state.

-- Direct-marketing purposes are the ones a global opt-out or an objection to direct marketing denies (Art. 21(3)).
ALTER TABLE purpose ADD COLUMN direct_marketing boolean NOT NULL DEFAULT false;

-- One row per person consent-service has heard of. known: contact-service announced the person (only known
-- persons may have records: no orphans). The flags are the last word of the service that owns each fact.
CREATE TABLE subject_state (
    person_id                 uuid        PRIMARY KEY,
    known                     boolean     NOT NULL DEFAULT false,
    restricted                boolean     NOT NULL DEFAULT false,
    erased                    boolean     NOT NULL DEFAULT false,
    opted_out                 boolean     NOT NULL DEFAULT false,
    objected_all              boolean     NOT NULL DEFAULT false,
    objected_direct_marketing boolean     NOT NULL DEFAULT false,
    updated_at                timestamptz NOT NULL DEFAULT now()
);

-- The person's choice per subscription type and the purpose the type is sent under.
CREATE TABLE subject_subscription (
    person_id         uuid         NOT NULL,
    subscription_type varchar(100) NOT NULL,
    purpose_key       varchar(100) NOT NULL,
    subscribed        boolean      NOT NULL,
    PRIMARY KEY (person_id, subscription_type)
);

-- Per person × purpose: opted out (every type of the purpose the person chose is unsubscribed) or objected to.
CREATE TABLE subject_purpose (
    person_id   uuid         NOT NULL,
    purpose_key varchar(100) NOT NULL,
    opted_out   boolean      NOT NULL DEFAULT false,
    objected    boolean      NOT NULL DEFAULT false,
    PRIMARY KEY (person_id, purpose_key)
);

-- Everyone with a ledger entry before this migration was known to the suite (records were made for them).
INSERT INTO subject_state (person_id, known)
SELECT DISTINCT person_id, true FROM consent_state;
