-- Selections filter on the person's country, organisation and source too (contact.events carries them sealed;
-- they are kept here opened, because SQL filters on them, and emptied when the person is anonymized).
ALTER TABLE contact_read_model
    ADD COLUMN country         char(2),
    ADD COLUMN organisation_id uuid,
    ADD COLUMN source          varchar(200);
CREATE INDEX contact_read_model_country_idx ON contact_read_model (country);
CREATE INDEX contact_read_model_organisation_idx ON contact_read_model (organisation_id);
