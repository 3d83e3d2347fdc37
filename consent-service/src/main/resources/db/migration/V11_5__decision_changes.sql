-- Each replica keeps the decision inputs of the persons asked about in memory (domain/DecisionCache). Every
-- change of what a decision reads is announced on the channel decision_changed at commit, whichever replica,
-- consumer, sweep or hand-written statement made it: the person's id, or '*' when the purpose catalogue
-- changed or a table was emptied (every replica then forgets everything).
CREATE FUNCTION decision_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM pg_notify('decision_changed', OLD.person_id::text);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM pg_notify('decision_changed', NEW.person_id::text);
        RETURN NEW;
    END IF;
    RETURN OLD;
END $$;

CREATE FUNCTION decisions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('decision_changed', '*');
    RETURN NULL;
END $$;

CREATE TRIGGER consent_state_decision_changed AFTER INSERT OR UPDATE OR DELETE ON consent_state
    FOR EACH ROW EXECUTE FUNCTION decision_changed();
CREATE TRIGGER subject_state_decision_changed AFTER INSERT OR UPDATE OR DELETE ON subject_state
    FOR EACH ROW EXECUTE FUNCTION decision_changed();
CREATE TRIGGER subject_purpose_decision_changed AFTER INSERT OR UPDATE OR DELETE ON subject_purpose
    FOR EACH ROW EXECUTE FUNCTION decision_changed();

CREATE TRIGGER consent_state_emptied AFTER TRUNCATE ON consent_state
    FOR EACH STATEMENT EXECUTE FUNCTION decisions_changed();
CREATE TRIGGER subject_state_emptied AFTER TRUNCATE ON subject_state
    FOR EACH STATEMENT EXECUTE FUNCTION decisions_changed();
CREATE TRIGGER subject_purpose_emptied AFTER TRUNCATE ON subject_purpose
    FOR EACH STATEMENT EXECUTE FUNCTION decisions_changed();
CREATE TRIGGER purpose_decisions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON purpose
    FOR EACH STATEMENT EXECUTE FUNCTION decisions_changed();
