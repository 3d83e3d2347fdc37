-- Toy slice of personal data for the backbone tests.
CREATE TABLE toy_note (
    id         uuid PRIMARY KEY,
    person_id  uuid         NOT NULL,
    body       varchar(500),
    anonymized boolean      NOT NULL DEFAULT false
);

-- Every effect the toy service performs, to prove effects happen once.
CREATE TABLE toy_effect (
    id      bigserial    PRIMARY KEY,
    kind    varchar(50)  NOT NULL,
    ref     varchar(200) NOT NULL
);
