package org.gdprsuite.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.gdprsuite.demo.DemoData.Consent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class ConsentUploadTest {

    private static final Instant NOW = Instant.parse("2026-02-10T14:30:00Z");
    private static final DemoData DATA = DemoData.generate(DemoData.SEED, DemoData.PERSONS, NOW);

    /** What consent-service accepts in the past: an import, or an integration event with evidence. */
    @Test
    void everyRecordOfTheDataSetIsSentSoThatItIsNotRefusedAsBackdated() {
        for (Consent c : DATA.consents) {
            boolean viaEvent = !c.source().equals("MANUAL");
            String source = ConsentUpload.source(c, viaEvent, NOW);
            boolean evidenced = viaEvent && c.ip() != null;
            assertTrue(source.equals("IMPORT") || evidenced, c.toString());
            assertEquals(evidenced ? c.source() : "IMPORT", source, "only what would be refused is sent as an import");
        }
    }

    @Test
    void aRecordOfNowKeepsItsSource() {
        Consent phone = consent(NOW.minus(1, ChronoUnit.MINUTES), "MANUAL", null);
        Consent unsubscribe = consent(NOW.minus(1, ChronoUnit.MINUTES), "EMAIL", null);
        assertEquals("MANUAL", ConsentUpload.source(phone, false, NOW));
        assertEquals("EMAIL", ConsentUpload.source(unsubscribe, true, NOW));
    }

    @Test
    void aPastRecordKeepsItsSourceOnlyAsAnEventWithEvidence() {
        Consent webForm = consent(NOW.minus(30, ChronoUnit.DAYS), "WEB_FORM", "192.0.2.1");
        assertEquals("WEB_FORM", ConsentUpload.source(webForm, true, NOW));
        assertEquals("IMPORT", ConsentUpload.source(webForm, false, NOW), "staff records carry no event id");
        assertEquals("IMPORT", ConsentUpload.source(consent(NOW.minus(1, ChronoUnit.HOURS), "EMAIL", null), true, NOW));
    }

    private static Consent consent(Instant at, String source, String ip) {
        return new Consent(
                0,
                DemoData.NEWSLETTER,
                "GRANTED",
                at,
                source,
                "website",
                DemoData.NOTICE,
                ip == null ? null : "form",
                ip,
                ip == null ? null : "Mozilla/5.0");
    }
}
