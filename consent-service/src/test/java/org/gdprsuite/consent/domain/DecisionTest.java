package org.gdprsuite.consent.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule of the decision API: only a granted basis within its validity allows processing. */
@Tag("unit")
class DecisionTest {

    private static final UUID PERSON = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void aGrantedBasisAllowsUntilItsValidityEnds() {
        assertTrue(Decision.allows(ConsentStatus.GRANTED, null, NOW));
        assertTrue(Decision.allows(ConsentStatus.GRANTED, NOW.plusSeconds(1), NOW));
        assertFalse(Decision.allows(ConsentStatus.GRANTED, NOW, NOW), "the end of validity is exclusive");
    }

    @Test
    void noOtherStatusAllows() {
        for (ConsentStatus status : ConsentStatus.values()) {
            if (status != ConsentStatus.GRANTED) {
                assertFalse(Decision.allows(status, null, NOW), status.name());
            }
        }
    }

    @Test
    void aGrantPastItsValidityIsAnsweredAsExpired() {
        Instant since = NOW.minus(Duration.ofDays(40));
        Decision decision =
                basisAlone("news", LegalBasis.CONSENT, ConsentStatus.GRANTED, since, NOW.minus(Duration.ofDays(10)));
        assertFalse(decision.allowed());
        assertEquals(ConsentStatus.EXPIRED, decision.status());
        assertEquals(since, decision.since());

        Decision withdrawn = basisAlone("news", LegalBasis.CONSENT, ConsentStatus.WITHDRAWN, since, null);
        assertEquals(ConsentStatus.WITHDRAWN, withdrawn.status(), "other statuses are answered as they are");
        Decision contract = basisAlone("billing", LegalBasis.CONTRACT, ConsentStatus.GRANTED, since, null);
        assertTrue(contract.allowed());
        assertEquals(ConsentStatus.GRANTED, contract.status());
    }

    @Test
    void nothingRecordedIsNoBasisAndNotAllowed() {
        Decision none = Decision.none(PERSON, "news");
        assertFalse(none.allowed());
        assertNull(none.legalBasis());
        assertNull(none.status());
    }

    /** The decision on the basis alone, for a known person nothing else forbids. */
    private static Decision basisAlone(
            String purpose, LegalBasis basis, ConsentStatus status, Instant since, Instant until) {
        return Decision.of(PERSON, purpose, basis, status, since, until, false, SubjectFacts.FREE, NOW);
    }
}
