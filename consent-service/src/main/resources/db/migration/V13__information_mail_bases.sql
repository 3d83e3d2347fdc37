-- Issue 22, continued: the information mail tells each purpose with the basis in force for the person when it is
-- sent (an import under legitimate interests, not the purpose's default), and a purpose and basis the person was not
-- told of yet leads to one more mail. bases: the basis told for each of purposes, in the same order (set when sent).
ALTER TABLE information_mail ADD COLUMN bases text[];

-- The mails sent so far told each purpose by its default basis.
UPDATE information_mail m SET bases = ARRAY(
    SELECT coalesce(p.default_legal_basis, '')
    FROM unnest(m.purposes) WITH ORDINALITY AS u (purpose_key, n)
    LEFT JOIN purpose p ON p.purpose_key = u.purpose_key
    ORDER BY u.n)
WHERE m.outcome = 'SENT';

-- The persons who are told: created with an address while the mail was on. Their mails are due from due_from (created
-- + the setting's delay) on; the row is also what one person's mails are serialised on (locked while they change).
CREATE TABLE information_subject (
    person_id uuid        PRIMARY KEY,
    due_from  timestamptz NOT NULL
);
INSERT INTO information_subject (person_id, due_from)
SELECT person_id, min(due_at) FROM information_mail GROUP BY person_id;
