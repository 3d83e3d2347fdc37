-- Issue 22: privacy notices keep their text, per language, so a person can read the version a record names.
-- The hash stays as the integrity evidence of that text. Versions stored before this migration (hash only)
-- keep working: their text, language and title stay empty.
ALTER TABLE privacy_notice
    ADD COLUMN language   varchar(12),
    ADD COLUMN title      varchar(300),
    ADD COLUMN text       text,
    ADD COLUMN created_by varchar(200);

-- The notice in force for a language: the newest effective version with a text.
CREATE INDEX privacy_notice_in_force_idx ON privacy_notice (language, effective_at) WHERE text IS NOT NULL;
