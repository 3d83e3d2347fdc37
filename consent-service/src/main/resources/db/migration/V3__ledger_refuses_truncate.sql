-- The ledger's append-only rule covers TRUNCATE too: a row trigger never fires for it, so a statement
-- trigger refuses it (also when another table's TRUNCATE ... CASCADE reaches the ledger).
CREATE FUNCTION consent_record_no_truncate() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the consent ledger is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER consent_record_no_truncate BEFORE TRUNCATE ON consent_record
    FOR EACH STATEMENT EXECUTE FUNCTION consent_record_no_truncate();
