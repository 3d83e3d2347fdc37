-- Issue 22: a person added under a basis other than consent is told (Art. 13/14). One row per mail: which purposes
-- and bases it told of, when it is due (the setting's delay after the person was created), when it was sent and
-- with which notice version. It stays as the person's record of having been informed (and so in their DSR export).
CREATE TABLE information_mail (
    id             uuid         PRIMARY KEY,
    person_id      uuid         NOT NULL,
    template       varchar(100) NOT NULL,
    purposes       text[]       NOT NULL,
    due_at         timestamptz  NOT NULL,
    sent_at        timestamptz,
    outcome        varchar(20)  CHECK (outcome IN ('SENT', 'DROPPED')),
    notice_version varchar(100)
);
CREATE INDEX information_mail_person_idx ON information_mail (person_id);
CREATE INDEX information_mail_due_idx ON information_mail (due_at) WHERE outcome IS NULL;
