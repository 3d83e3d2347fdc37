-- A staff user's opt-in to the suite's staff newsletter (their profile, issue 24). Staff are not contacts, so the
-- choice stays with the staff record, its changes in staff_event (who, when); termination opts out.
ALTER TABLE staff_user ADD COLUMN newsletter boolean NOT NULL DEFAULT false;
