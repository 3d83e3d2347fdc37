package org.gdprsuite.consent.domain;

import java.time.Duration;
import java.time.Instant;

import org.gdprsuite.consent.domain.ConsentLedger.Entry;
import org.gdprsuite.consent.domain.ConsentLedger.Evidence;
import org.gdprsuite.events.InvalidEventException;

/**
 * No backdating (Art. 7(1): the proof must be honest). A record may say it took effect in the past, beyond a
 * small tolerance for clocks and queues, only when it carries its own proof of that time: an import of records
 * kept elsewhere, an integration event with evidence of how the decision was captured, or the service's own
 * records (an expiry takes effect when the validity ended). Pure, so it is tested without a database.
 */
public final class Backdating {

    private Backdating() {}

    /** A record refused for its past effective time: a dead letter on Kafka, 422 over REST. */
    public static class BackdatedRecordException extends InvalidEventException {
        public BackdatedRecordException() {
            super("backdated record: effective time too far in the past without import or evidence");
        }
    }

    public static boolean allowed(Entry entry, Instant now, Duration tolerance) {
        if (entry.effectiveAt() == null || !entry.effectiveAt().isBefore(now.minus(tolerance))) {
            return true;
        }
        if (entry.source() == ConsentSource.SYSTEM || entry.source() == ConsentSource.IMPORT) {
            return true;
        }
        return entry.eventId() != null && hasEvidence(entry.evidence());
    }

    /** Refuses {@code entry} unless {@link #allowed}. */
    public static void check(Entry entry, Instant now, Duration tolerance) {
        if (!allowed(entry, now, tolerance)) {
            throw new BackdatedRecordException();
        }
    }

    private static boolean hasEvidence(Evidence evidence) {
        return evidence != null && (evidence.ip() != null || evidence.userAgent() != null || evidence.formId() != null);
    }
}
