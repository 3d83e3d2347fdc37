-- What a correction (Art. 16) from the privacy centre sets: one contact detail by contact-service's field name and
-- its new value. A RECTIFICATION request with a row here is carried out by contact-service once approved (the
-- dsr.rectification.requested command); one without (the portal's free text) is done by staff in the CRM.
CREATE TABLE dsr_correction (
    request_id uuid PRIMARY KEY REFERENCES dsr_request (id),
    field      varchar(40)  NOT NULL,
    value      varchar(320) NOT NULL
);
