-- Persons of the CRM. Later migrations add the classified fields, organisations and activities.
CREATE TABLE person (
    id          uuid PRIMARY KEY,
    first_name  varchar(200),
    last_name   varchar(200),
    email       varchar(320),
    created_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint      NOT NULL DEFAULT 0
);

CREATE INDEX person_email_idx ON person (lower(email));
