-- Staff users (issue 24). Their accounts live in Keycloak; the gateway keeps what accountability needs: the
-- consent confirmed at creation, the current (once terminated: the last) role, and after termination the name,
-- id and last role only. No email here: Keycloak holds it while the account is active and deletes it at once.
CREATE TABLE staff_user (
    id                        uuid         PRIMARY KEY,      -- the Keycloak user id (token subject)
    username                  varchar(200) NOT NULL UNIQUE,  -- preferred_username: the access log's principal
    first_name                varchar(200) NOT NULL,
    last_name                 varchar(200) NOT NULL,
    role                      varchar(50)  NOT NULL,
    created_at                timestamptz  NOT NULL,
    consent_confirmed_by      varchar(200),                  -- null for accounts imported with the realm
    consent_confirmed_at      timestamptz,
    temporary_password_until  timestamptz,
    terminated_at             timestamptz,
    terminated_by             varchar(200),
    version                   bigint       NOT NULL DEFAULT 0
);
CREATE INDEX staff_user_name_idx ON staff_user (last_name, first_name, id);
CREATE INDEX staff_user_password_idx ON staff_user (temporary_password_until)
    WHERE temporary_password_until IS NOT NULL;

-- What was done to a staff user, by whom and when. Append-only.
CREATE TABLE staff_event (
    id        bigserial    PRIMARY KEY,
    staff_id  uuid         NOT NULL REFERENCES staff_user (id),
    at        timestamptz  NOT NULL,
    action    varchar(40)  NOT NULL,
    actor     varchar(200) NOT NULL,
    role      varchar(50)
);
CREATE INDEX staff_event_staff_idx ON staff_event (staff_id, at);
