-- The person a personal-data call was about (from the path or the personId parameter), for the DPO's queries.
ALTER TABLE access_log ADD COLUMN person_id uuid;
CREATE INDEX access_log_person_idx ON access_log (person_id, at);
CREATE INDEX access_log_principal_idx ON access_log (principal, at);
