-- What a request of type OBJECTION objects to (Art. 21), taken with the request and sent to consent-service as
-- consent.objection-changed when it is approved. A request without a row here (e.g. from the portal) objects to all
-- processing Art. 21 reaches (scope ALL).
CREATE TABLE dsr_objection (
    request_id uuid PRIMARY KEY REFERENCES dsr_request (id),
    scope      varchar(20) NOT NULL,
    purposes   text[]      NOT NULL DEFAULT '{}'
);
