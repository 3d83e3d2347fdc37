-- Who read which personal data (Art. 30 and 32). Append-only: the service never updates or deletes rows.
CREATE TABLE access_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz  NOT NULL DEFAULT now(),
    principal   varchar(200) NOT NULL,
    client_id   varchar(200),
    method      varchar(10)  NOT NULL,
    path        varchar(2000) NOT NULL,
    status      integer      NOT NULL,
    request_id  varchar(100)
);

CREATE INDEX access_log_at_idx ON access_log (at);
