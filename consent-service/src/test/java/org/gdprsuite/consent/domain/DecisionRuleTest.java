package org.gdprsuite.consent.domain;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.gdprsuite.consent.domain.DecisionReason.ERASED;
import static org.gdprsuite.consent.domain.DecisionReason.EXPIRED;
import static org.gdprsuite.consent.domain.DecisionReason.NO_BASIS;
import static org.gdprsuite.consent.domain.DecisionReason.OBJECTED;
import static org.gdprsuite.consent.domain.DecisionReason.OPTED_OUT;
import static org.gdprsuite.consent.domain.DecisionReason.RESTRICTED;
import static org.gdprsuite.consent.domain.DecisionReason.UNKNOWN_SUBJECT;
import static org.gdprsuite.consent.domain.DecisionReason.WITHDRAWN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The decision rule: a basis in force and nothing the person exercised against it; every reason, in order. */
@Tag("unit")
class DecisionRuleTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final SubjectFacts FREE = SubjectFacts.FREE;

    @Test
    void aGrantedBasisOfAFreePersonIsAllowed() {
        assertEquals(List.of(), reasons(LegalBasis.CONSENT, ConsentStatus.GRANTED, null, true, FREE));
        assertEquals(List.of(), reasons(LegalBasis.CONSENT, ConsentStatus.GRANTED, NOW.plusSeconds(1), true, FREE));
    }

    @Test
    void theBasisSaysNoBasisWithdrawnOrExpired() {
        assertEquals(List.of(NO_BASIS), reasons(null, null, null, false, FREE));
        assertEquals(List.of(NO_BASIS), reasons(LegalBasis.CONSENT, ConsentStatus.DENIED, null, false, FREE));
        assertEquals(
                List.of(NO_BASIS), reasons(LegalBasis.CONSENT, ConsentStatus.PENDING_CONFIRMATION, null, false, FREE));
        assertEquals(List.of(WITHDRAWN), reasons(LegalBasis.CONSENT, ConsentStatus.WITHDRAWN, null, false, FREE));
        assertEquals(List.of(EXPIRED), reasons(LegalBasis.CONSENT, ConsentStatus.EXPIRED, null, false, FREE));
        assertEquals(
                List.of(EXPIRED),
                reasons(LegalBasis.CONSENT, ConsentStatus.GRANTED, NOW, false, FREE),
                "end exclusive");
    }

    @Test
    void anUnknownPersonIsOnlyUnknown() {
        assertEquals(List.of(UNKNOWN_SUBJECT), reasons(null, null, null, true, SubjectFacts.UNKNOWN));
        SubjectFacts unknownButRestricted = new SubjectFacts(false, true, false, false, false, false, false, false);
        assertEquals(
                List.of(UNKNOWN_SUBJECT),
                reasons(LegalBasis.CONSENT, ConsentStatus.GRANTED, null, true, unknownButRestricted));
    }

    @Test
    void restrictionAndErasureDenyEveryBasisEvenAContract() {
        SubjectFacts restricted = new SubjectFacts(true, true, false, false, false, false, false, false);
        SubjectFacts erased = new SubjectFacts(true, false, true, false, false, false, false, false);
        assertEquals(List.of(RESTRICTED), reasons(LegalBasis.CONTRACT, ConsentStatus.GRANTED, null, false, restricted));
        assertEquals(List.of(ERASED), reasons(LegalBasis.LEGAL_OBLIGATION, ConsentStatus.GRANTED, null, false, erased));
        assertEquals(
                List.of(WITHDRAWN, ERASED), reasons(LegalBasis.CONSENT, ConsentStatus.WITHDRAWN, null, true, erased));
    }

    @Test
    void optOutsAndObjectionsToDirectMarketingDenyOnlyDirectMarketing() {
        SubjectFacts optedOut = new SubjectFacts(true, false, false, true, false, false, false, false);
        SubjectFacts objected = new SubjectFacts(true, false, false, false, false, true, false, false);
        assertEquals(List.of(OPTED_OUT), reasons(LegalBasis.CONSENT, ConsentStatus.GRANTED, null, true, optedOut));
        assertEquals(List.of(), reasons(LegalBasis.CONSENT, ConsentStatus.GRANTED, null, false, optedOut));
        assertEquals(
                List.of(OBJECTED),
                reasons(LegalBasis.LEGITIMATE_INTERESTS, ConsentStatus.GRANTED, null, true, objected));
        assertEquals(List.of(), reasons(LegalBasis.LEGITIMATE_INTERESTS, ConsentStatus.GRANTED, null, false, objected));
    }

    @Test
    void objectionsAndOptOutsNeverReachAContractALegalObligationOrVitalInterests() {
        SubjectFacts everything = new SubjectFacts(true, false, false, true, true, true, true, true);
        for (LegalBasis basis : List.of(LegalBasis.CONTRACT, LegalBasis.LEGAL_OBLIGATION, LegalBasis.VITAL_INTERESTS)) {
            assertEquals(List.of(), reasons(basis, ConsentStatus.GRANTED, null, true, everything), basis.name());
        }
        assertEquals(
                List.of(OBJECTED, OPTED_OUT),
                reasons(LegalBasis.PUBLIC_TASK, ConsentStatus.GRANTED, null, true, everything));
    }

    @Test
    void purposeWideFactsAndTheObjectionToAllDenyWhateverTheMarketingFlag() {
        SubjectFacts purposeOptedOut = new SubjectFacts(true, false, false, false, false, false, true, false);
        SubjectFacts purposeObjected = new SubjectFacts(true, false, false, false, false, false, false, true);
        SubjectFacts objectedAll = new SubjectFacts(true, false, false, false, true, false, false, false);
        assertEquals(
                List.of(OPTED_OUT), reasons(LegalBasis.CONSENT, ConsentStatus.GRANTED, null, false, purposeOptedOut));
        assertEquals(
                List.of(OBJECTED), reasons(LegalBasis.CONSENT, ConsentStatus.GRANTED, null, false, purposeObjected));
        assertEquals(List.of(OBJECTED), reasons(LegalBasis.CONSENT, ConsentStatus.GRANTED, null, false, objectedAll));
    }

    @Test
    void everyReasonThatAppliesIsListedInOrder() {
        SubjectFacts all = new SubjectFacts(true, true, true, true, true, true, true, true);
        assertEquals(
                List.of(WITHDRAWN, RESTRICTED, OBJECTED, OPTED_OUT, ERASED),
                reasons(LegalBasis.CONSENT, ConsentStatus.WITHDRAWN, null, true, all));
        Decision decision =
                Decision.of(null, "news", LegalBasis.CONSENT, ConsentStatus.GRANTED, NOW, null, true, all, NOW);
        assertEquals(false, decision.allowed());
        assertEquals(List.of(RESTRICTED, OBJECTED, OPTED_OUT, ERASED), decision.reasons());
        assertEquals(
                List.of("RESTRICTED", "OBJECTED", "OPTED_OUT", "ERASED"),
                decision.event().reasons());
    }

    private static List<DecisionReason> reasons(
            LegalBasis basis, ConsentStatus status, Instant until, boolean directMarketing, SubjectFacts facts) {
        return DecisionRule.reasons(basis, status, until, directMarketing, facts, NOW);
    }
}
