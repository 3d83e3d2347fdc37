-- The CRM: organisations, classified person fields, activities, rectification log, restriction (Art. 18),
-- a read model of legal bases (from consent.events) and retention policies with their sweep log.
CREATE TABLE organisation (
    id         uuid PRIMARY KEY,
    name       varchar(300) NOT NULL,
    website    varchar(500),
    created_at timestamptz  NOT NULL DEFAULT now(),
    version    bigint       NOT NULL DEFAULT 0
);
CREATE INDEX organisation_name_idx ON organisation (lower(name));

ALTER TABLE person
    ADD COLUMN phone            varchar(50),
    ADD COLUMN street           varchar(300),
    ADD COLUMN postal_code      varchar(20),
    ADD COLUMN city             varchar(200),
    ADD COLUMN country          char(2),
    ADD COLUMN organisation_id  uuid REFERENCES organisation (id),
    ADD COLUMN job_title        varchar(200),
    ADD COLUMN category         varchar(20)  NOT NULL DEFAULT 'PROSPECT',
    ADD COLUMN owner            varchar(200),
    ADD COLUMN custom_fields    jsonb,
    ADD COLUMN source           varchar(200),
    ADD COLUMN collected_at     timestamptz,
    ADD COLUMN collected_by     varchar(200),
    ADD COLUMN national_id      varchar(50),
    ADD COLUMN bank_account     varchar(50),
    ADD COLUMN birth_date       date,
    ADD COLUMN health_notes     varchar(2000),
    ADD COLUMN restricted       boolean      NOT NULL DEFAULT false,
    ADD COLUMN restricted_at    timestamptz,
    ADD COLUMN anonymized_at    timestamptz,
    ADD COLUMN retention_requested_at timestamptz,
    ADD COLUMN last_activity_at timestamptz,
    ADD COLUMN updated_at       timestamptz  NOT NULL DEFAULT now();
CREATE INDEX person_name_idx ON person (lower(last_name), lower(first_name));
CREATE INDEX person_organisation_idx ON person (organisation_id);
CREATE INDEX person_category_idx ON person (category);

CREATE TABLE activity (
    id          uuid PRIMARY KEY,
    person_id   uuid         NOT NULL REFERENCES person (id),
    type        varchar(20)  NOT NULL,
    subject     varchar(300),
    body        text,
    occurred_at timestamptz  NOT NULL,
    created_by  varchar(200) NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX activity_person_idx ON activity (person_id, occurred_at);

-- Rectification (Art. 16): who changed which fields when; the values are not kept here.
CREATE TABLE person_change (
    id         bigserial    PRIMARY KEY,
    person_id  uuid         NOT NULL REFERENCES person (id),
    at         timestamptz  NOT NULL,
    by_user    varchar(200) NOT NULL,
    action     varchar(40)  NOT NULL,
    fields     text[]       NOT NULL DEFAULT '{}'
);
CREATE INDEX person_change_person_idx ON person_change (person_id, id);

-- Read model of consent.events: whether any purpose currently allows processing the person.
CREATE TABLE person_legal_basis (
    person_id   uuid         NOT NULL,
    purpose     varchar(100) NOT NULL,
    allowed     boolean      NOT NULL,
    since       timestamptz  NOT NULL,
    PRIMARY KEY (person_id, purpose)
);

CREATE TABLE retention_policy (
    id                  uuid PRIMARY KEY,
    name                varchar(200) NOT NULL UNIQUE,
    category            varchar(20),
    without_legal_basis boolean      NOT NULL DEFAULT false,
    inactive_months     integer CHECK (inactive_months > 0),
    include_restricted  boolean      NOT NULL DEFAULT false,
    enabled             boolean      NOT NULL DEFAULT true,
    created_at          timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE retention_sweep (
    id          uuid PRIMARY KEY,
    policy_id   uuid         NOT NULL REFERENCES retention_policy (id),
    started_at  timestamptz  NOT NULL,
    finished_at timestamptz,
    started_by  varchar(200) NOT NULL,
    matched     integer      NOT NULL DEFAULT 0
);
