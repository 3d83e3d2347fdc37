package org.gdprsuite.consent.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.gdprsuite.consent.domain.ConsentLedger.Entry;
import org.gdprsuite.consent.domain.ConsentLedger.Evidence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No backdating: a past effective time needs an import, an integration event with evidence, or the service itself. */
@Tag("unit")
class BackdatingTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Instant LAST_WEEK = NOW.minus(Duration.ofDays(7));
    private static final Evidence FORM = new Evidence("198.51.100.4", "Firefox", "signup");

    @Test
    void nowOrWithinTheToleranceIsAlwaysAllowed() {
        assertTrue(allowed(null, ConsentSource.MANUAL, null, null));
        assertTrue(allowed(NOW.minus(TOLERANCE), ConsentSource.MANUAL, null, null));
        assertTrue(allowed(NOW.plusSeconds(60), ConsentSource.API, null, null));
    }

    @Test
    void staffAndFrontEndsMayNotBackdateEvenWithEvidence() {
        assertFalse(allowed(NOW.minus(TOLERANCE).minusSeconds(1), ConsentSource.MANUAL, null, null));
        assertFalse(allowed(LAST_WEEK, ConsentSource.WEB_FORM, FORM, null), "no event: not an integration");
    }

    @Test
    void importsIntegrationEventsWithEvidenceAndTheServiceItselfMay() {
        assertTrue(allowed(LAST_WEEK, ConsentSource.IMPORT, null, null));
        assertTrue(allowed(LAST_WEEK, ConsentSource.SYSTEM, null, null));
        assertTrue(allowed(LAST_WEEK, ConsentSource.WEB_FORM, FORM, "event-1"));
        assertTrue(allowed(LAST_WEEK, ConsentSource.API, new Evidence(null, null, "form"), "event-2"));
        assertFalse(allowed(LAST_WEEK, ConsentSource.WEB_FORM, null, "event-3"), "an event without evidence");
        assertFalse(allowed(LAST_WEEK, ConsentSource.WEB_FORM, Evidence.NONE, "event-4"), "empty evidence");
    }

    private static boolean allowed(Instant effectiveAt, ConsentSource source, Evidence evidence, String eventId) {
        Entry entry = new Entry(
                UUID.randomUUID(),
                "news",
                LegalBasis.CONSENT,
                ConsentStatus.GRANTED,
                effectiveAt,
                source,
                null,
                null,
                evidence,
                "test",
                eventId);
        return Backdating.allowed(entry, NOW, TOLERANCE);
    }
}
