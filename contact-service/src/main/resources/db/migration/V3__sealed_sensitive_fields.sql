-- Sensitive and special-category fields are stored sealed: AES-256-GCM with the person's data key
-- (libs/service-runtime crypto, table subject_key), as text. The keys come from configuration, not SQL,
-- so the plaintext of existing rows waits in person_unsealed until contact-service seals it at its next
-- start (domain/UnsealedValues) and deletes it from there.
CREATE TABLE person_unsealed (
    person_id    uuid PRIMARY KEY REFERENCES person (id),
    national_id  varchar(50),
    bank_account varchar(50),
    birth_date   date,
    health_notes varchar(2000)
);
INSERT INTO person_unsealed (person_id, national_id, bank_account, birth_date, health_notes)
SELECT id, national_id, bank_account, birth_date, health_notes FROM person
WHERE anonymized_at IS NULL
  AND (national_id IS NOT NULL OR bank_account IS NOT NULL OR birth_date IS NOT NULL OR health_notes IS NOT NULL);

ALTER TABLE person
    ALTER COLUMN national_id  TYPE text USING NULL,
    ALTER COLUMN bank_account TYPE text USING NULL,
    ALTER COLUMN birth_date   TYPE text USING NULL,
    ALTER COLUMN health_notes TYPE text USING NULL;
