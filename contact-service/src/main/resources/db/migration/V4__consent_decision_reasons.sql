-- consent.events carries the effective decision with its reasons (the decision API's codes): kept per person ×
-- purpose, so that a search for the persons who may be processed agrees with consent-service's answer.
ALTER TABLE person_legal_basis ADD COLUMN reasons varchar(40)[] NOT NULL DEFAULT '{}';

-- The persons a right they exercised denies some purpose (restriction, objection, opt-out, erasure): a search with
-- processing=true leaves them out. A missing, withdrawn or expired basis alone does not (that is per purpose).
CREATE VIEW person_denied_by_right AS
    SELECT DISTINCT person_id FROM person_legal_basis
    WHERE reasons && ARRAY['RESTRICTED', 'OBJECTED', 'OPTED_OUT', 'ERASED']::varchar(40)[];

CREATE INDEX person_legal_basis_denied_by_right ON person_legal_basis (person_id)
    WHERE reasons && ARRAY['RESTRICTED', 'OBJECTED', 'OPTED_OUT', 'ERASED']::varchar(40)[];
