package org.gdprsuite.consent.domain;

import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Pure rules of the ledger: a consent's validity, the notice hash. */
@Tag("unit")
class LedgerRulesTest {

    private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void onlyAConsentGrantedForAPurposeWithAValidityEnds() {
        Purpose yearly = purpose(365);
        assertEquals(
                Instant.parse("2027-03-01T00:00:00Z"),
                ConsentLedger.validUntil(yearly, LegalBasis.CONSENT, ConsentStatus.GRANTED, AT));
        assertNull(ConsentLedger.validUntil(purpose(null), LegalBasis.CONSENT, ConsentStatus.GRANTED, AT));
        assertNull(ConsentLedger.validUntil(yearly, LegalBasis.CONTRACT, ConsentStatus.GRANTED, AT));
        assertNull(ConsentLedger.validUntil(yearly, LegalBasis.CONSENT, ConsentStatus.PENDING_CONFIRMATION, AT));
        assertNull(ConsentLedger.validUntil(yearly, LegalBasis.CONSENT, ConsentStatus.WITHDRAWN, AT));
    }

    @Test
    void aNoticeIsKeptAsTheSha256OfItsUtf8Text() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", PrivacyNotices.sha256("abc"));
        assertEquals(
                64, PrivacyNotices.sha256("Wir verarbeiten Ihre Daten für …").length());
    }

    private static Purpose purpose(Integer validityDays) {
        Purpose purpose = new Purpose();
        purpose.key = "news";
        purpose.consentValidityDays = validityDays;
        return purpose;
    }
}
