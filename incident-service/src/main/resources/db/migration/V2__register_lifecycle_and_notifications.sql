-- The breach register in full: Art. 33(3) content, lifecycle timeline, risk assessment, notifications.
CREATE SEQUENCE incident_reference_seq;

ALTER TABLE incident
    ADD COLUMN reference                 varchar(30) UNIQUE,
    ADD COLUMN origin                    varchar(20)  NOT NULL DEFAULT 'STAFF',
    ADD COLUMN reported_by               varchar(200),
    ADD COLUMN reporter_contact          varchar(320),
    ADD COLUMN nature                    text[]       NOT NULL DEFAULT '{}',
    ADD COLUMN description               text,
    ADD COLUMN occurred_at               timestamptz,
    ADD COLUMN data_categories           text[]       NOT NULL DEFAULT '{}',
    ADD COLUMN approx_subjects           bigint,
    ADD COLUMN approx_records            bigint,
    ADD COLUMN likely_consequences       text,
    ADD COLUMN measures                  text,
    ADD COLUMN dpo_contact               varchar(500),
    ADD COLUMN likelihood                varchar(20),
    ADD COLUMN severity                  varchar(20),
    ADD COLUMN risk                      varchar(20),
    ADD COLUMN risk_rationale            text,
    ADD COLUMN art34_exception           varchar(40),
    ADD COLUMN art34_exception_reason    text,
    ADD COLUMN authority_notified_at     timestamptz,
    ADD COLUMN authority_reference       varchar(200),
    ADD COLUMN authority_delay_reason    text,
    ADD COLUMN due_soon_alerted_at       timestamptz,
    ADD COLUMN overdue_alerted_at        timestamptz,
    ADD COLUMN version                   bigint       NOT NULL DEFAULT 0;
UPDATE incident SET reference = 'INC-' || nextval('incident_reference_seq') WHERE reference IS NULL;
ALTER TABLE incident ALTER COLUMN reference SET NOT NULL;
CREATE INDEX incident_open_clock_idx ON incident (aware_at) WHERE authority_notified_at IS NULL;

-- Persons affected by a breach (ids of contact-service) and when they were told (Art. 34).
CREATE TABLE incident_affected_person (
    incident_id uuid        NOT NULL REFERENCES incident (id),
    person_id   uuid        NOT NULL,
    added_at    timestamptz NOT NULL,
    notified_at timestamptz,
    PRIMARY KEY (incident_id, person_id)
);
CREATE INDEX incident_affected_person_idx ON incident_affected_person (person_id);

-- Who did what when, for every incident (Art. 33(5) documentation).
CREATE TABLE incident_timeline (
    id          bigserial    PRIMARY KEY,
    incident_id uuid         NOT NULL REFERENCES incident (id),
    at          timestamptz  NOT NULL,
    actor       varchar(200) NOT NULL,
    action      varchar(60)  NOT NULL,
    detail      text
);
CREATE INDEX incident_timeline_incident_idx ON incident_timeline (incident_id, id);
