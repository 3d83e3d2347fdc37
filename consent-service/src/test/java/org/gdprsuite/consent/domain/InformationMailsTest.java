package org.gdprsuite.consent.domain;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gdprsuite.consent.config.ConsentConfig.InformationMail;
import org.gdprsuite.consent.config.ConsentConfig.PurposeMail;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a person's information mails tell, by template: the bases in force other than consent, not told yet. */
@Tag("unit")
class InformationMailsTest {

    @Test
    void onlyPurposesWithoutConsentAreToldOfGroupedByTemplate() {
        InformationMail settings = settings(true, Map.of("quiet", mail(false, null), "crm", mail(true, "crm.notice")));
        Map<String, LegalBasis> current = new LinkedHashMap<>();
        current.put("news", LegalBasis.CONSENT);
        current.put("analytics", LegalBasis.LEGITIMATE_INTERESTS);
        current.put("billing", LegalBasis.CONTRACT);
        current.put("quiet", LegalBasis.CONTRACT);
        current.put("crm", LegalBasis.LEGITIMATE_INTERESTS);

        assertEquals(
                Map.of(
                        "information.notice",
                        Map.of("analytics", LegalBasis.LEGITIMATE_INTERESTS, "billing", LegalBasis.CONTRACT),
                        "crm.notice",
                        Map.of("crm", LegalBasis.LEGITIMATE_INTERESTS)),
                InformationRule.mails(current, Set.of(), settings));
    }

    @Test
    void aPurposeIsToldAgainOnlyOnABasisNotToldYet() {
        Set<InformationRule.Told> told =
                Set.of(new InformationRule.Told("billing", "CONTRACT"), new InformationRule.Told("crm", "CONTRACT"));

        assertEquals(
                Map.of("information.notice", Map.of("crm", LegalBasis.LEGITIMATE_INTERESTS)),
                InformationRule.mails(
                        Map.of("billing", LegalBasis.CONTRACT, "crm", LegalBasis.LEGITIMATE_INTERESTS),
                        told,
                        settings(true, Map.of())));
    }

    @Test
    void aPersonUnderConsentOnlyOrWithTheSettingOffGetsNone() {
        assertEquals(
                Map.of(),
                InformationRule.mails(Map.of("news", LegalBasis.CONSENT), Set.of(), settings(true, Map.of())));
        assertEquals(
                Map.of(),
                InformationRule.mails(Map.of("billing", LegalBasis.CONTRACT), Set.of(), settings(false, Map.of())));
    }

    private static PurposeMail mail(boolean enabled, String template) {
        return new PurposeMail() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Optional<String> template() {
                return Optional.ofNullable(template);
            }
        };
    }

    private static InformationMail settings(boolean enabled, Map<String, PurposeMail> purposes) {
        return new InformationMail() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Duration delay() {
                return Duration.ZERO;
            }

            @Override
            public String checkEvery() {
                return "30s";
            }

            @Override
            public String template() {
                return "information.notice";
            }

            @Override
            public Optional<String> privacyCentreUrl() {
                return Optional.empty();
            }

            @Override
            public Map<String, PurposeMail> purposes() {
                return purposes;
            }
        };
    }
}
