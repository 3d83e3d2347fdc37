-- Selections filter on the person's last activity too (contact.events carries it sealed, like the other facts).
ALTER TABLE contact_read_model ADD COLUMN last_activity_at timestamptz;
CREATE INDEX contact_read_model_last_activity_idx ON contact_read_model (last_activity_at);
