-- Issue 22: a purpose's retention period is enforced: bases in force whose period since they took effect is over
-- are ended (EXPIRED). The sweep looks for them per purpose by the time they took effect.
CREATE INDEX consent_state_retention_idx ON consent_state (purpose_key, effective_at) WHERE status = 'GRANTED';
