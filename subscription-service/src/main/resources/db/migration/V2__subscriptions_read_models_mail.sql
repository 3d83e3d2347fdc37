-- Opt-ins and opt-outs with their history, the global marketing opt-out, and local read models of
-- contact.events and consent.events so that audiences and mail never call another service.
ALTER TABLE subscription_type ADD COLUMN description text;

CREATE TABLE subscription (
    person_id  uuid         NOT NULL,
    type_key   varchar(100) NOT NULL REFERENCES subscription_type (type_key),
    subscribed boolean      NOT NULL,
    changed_at timestamptz  NOT NULL,
    PRIMARY KEY (type_key, person_id)
);
CREATE INDEX subscription_person_idx ON subscription (person_id);

-- Every opt-in and opt-out: who, when, from where. type_key '*' is the global marketing opt-out.
CREATE TABLE subscription_history (
    id         bigserial    PRIMARY KEY,
    person_id  uuid         NOT NULL,
    type_key   varchar(100) NOT NULL,
    subscribed boolean      NOT NULL,
    at         timestamptz  NOT NULL,
    changed_by varchar(200),
    source     varchar(40)  NOT NULL
);
CREATE INDEX subscription_history_person_idx ON subscription_history (person_id, id);

CREATE TABLE global_opt_out (
    person_id  uuid        PRIMARY KEY,
    opted_out  boolean     NOT NULL,
    changed_at timestamptz NOT NULL
);

-- Read model of contact.events: where to send mail, and whether the person may be processed at all.
CREATE TABLE contact_read_model (
    person_id  uuid        PRIMARY KEY,
    email      varchar(320),
    category   varchar(20),
    restricted boolean     NOT NULL DEFAULT false,
    anonymized boolean     NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL
);

-- Read model of consent.events: may the person be processed for a purpose, until when.
CREATE TABLE consent_read_model (
    person_id uuid         NOT NULL,
    purpose   varchar(100) NOT NULL,
    allowed   boolean      NOT NULL,
    since     timestamptz  NOT NULL,
    until     timestamptz,
    PRIMARY KEY (purpose, person_id)
);

-- What mail was sent (no addresses, no content): template, person, when.
CREATE TABLE mail_log (
    id        bigserial    PRIMARY KEY,
    template  varchar(100) NOT NULL,
    person_id uuid,
    sent_at   timestamptz  NOT NULL
);

-- Mail for a person whose address has not arrived yet (contact.events and notification.requests are
-- separate topics): kept until the address comes, so no mail is lost to the race.
CREATE TABLE pending_mail (
    id         bigserial   PRIMARY KEY,
    person_id  uuid        NOT NULL,
    request    text        NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX pending_mail_person_idx ON pending_mail (person_id);
