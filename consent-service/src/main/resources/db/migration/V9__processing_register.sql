-- Issue 22: the record of processing activities (Art. 30(1)) the DPO keeps: one controller record and one entry
-- per purpose (the facts the purposes catalogue does not hold: categories of subjects and data, recipients,
-- transfers, security measures). Every change is a new version, never an update: who changed what, when.
-- entry_key is a purpose key, or '#controller' for the controller record (no purpose key starts with '#').
CREATE TABLE register_version (
    entry_key      varchar(100) NOT NULL,
    version        integer      NOT NULL CHECK (version > 0),
    document       jsonb        NOT NULL,
    changed_fields text[]       NOT NULL DEFAULT '{}',
    changed_by     varchar(200) NOT NULL,
    changed_at     timestamptz  NOT NULL,
    PRIMARY KEY (entry_key, version)
);

CREATE FUNCTION register_version_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the record of processing activities keeps every version';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER register_version_append_only BEFORE UPDATE OR DELETE ON register_version
    FOR EACH ROW EXECUTE FUNCTION register_version_append_only();
