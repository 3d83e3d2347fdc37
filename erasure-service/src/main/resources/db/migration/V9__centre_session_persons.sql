-- A privacy-centre session remembers the persons of its address, resolved at sign-in with the service's own
-- identity (NULL: not resolved, the centre falls back to the persons staff matched at an approval), and the access
-- request its person started to see their data (See), shown only within this session.
ALTER TABLE centre_session ADD COLUMN person_ids uuid[];
ALTER TABLE centre_session ADD COLUMN see_request_id uuid;
