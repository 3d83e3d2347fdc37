-- The relay deletes a row as soon as Kafka has it (sent rows used to be kept a day, marked sent_at): the table
-- holds only what is still to publish, so its indexes stay small however many events pass through, and the
-- personal data in envelopes is not kept beside the topic. Dropping sent_at drops its two partial indexes.
DELETE FROM outbox_event WHERE sent_at IS NOT NULL;
ALTER TABLE outbox_event DROP COLUMN sent_at;
