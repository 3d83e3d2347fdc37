-- The event backbone every service shares (libs/service-runtime). Library migrations are numbered
-- V0_x so that they sort before a service's own V1..; flyway out-of-order lets a later library
-- migration apply to a database that already has service migrations.

-- Transactional outbox: written in the same transaction as the state change, published by OutboxRelay.
CREATE TABLE outbox_event (
    seq         bigserial    PRIMARY KEY,
    event_id    varchar(100) NOT NULL UNIQUE,
    topic       varchar(249) NOT NULL,
    record_key  varchar(200),
    event_type  varchar(200) NOT NULL,
    envelope    text         NOT NULL,
    traceparent varchar(100),
    created_at  timestamptz  NOT NULL DEFAULT now(),
    sent_at     timestamptz
);
CREATE INDEX outbox_event_unsent_idx ON outbox_event (seq) WHERE sent_at IS NULL;
CREATE INDEX outbox_event_sent_idx ON outbox_event (sent_at) WHERE sent_at IS NOT NULL;

-- Idempotent consumers: the id of every applied event, committed with its effect.
CREATE TABLE processed_event (
    consumer     varchar(100) NOT NULL,
    event_id     varchar(200) NOT NULL,
    processed_at timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX processed_event_at_idx ON processed_event (processed_at);

-- DSR participation: the reply to every handled command, so that a redelivered command is answered
-- again with the same reply instead of being executed twice.
CREATE TABLE dsr_command_reply (
    command_id varchar(200) PRIMARY KEY,
    request_id uuid         NOT NULL,
    reply      text         NOT NULL,
    handled_at timestamptz  NOT NULL DEFAULT now()
);
