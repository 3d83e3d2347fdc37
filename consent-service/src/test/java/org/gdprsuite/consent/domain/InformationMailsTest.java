package org.gdprsuite.consent.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gdprsuite.consent.config.ConsentConfig.InformationMail;
import org.gdprsuite.consent.config.ConsentConfig.PurposeMail;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which purposes a new person's information mails tell of, by template. */
@Tag("unit")
class InformationMailsTest {

    @Test
    void onlyPurposesWithoutConsentAreToldOfGroupedByTemplate() {
        InformationMail settings = settings(true, Map.of("quiet", mail(false, null), "crm", mail(true, "crm.notice")));
        List<Purpose> applied = List.of(
                purpose("news", true, null),
                purpose("analytics", false, LegalBasis.LEGITIMATE_INTERESTS),
                purpose("billing", false, LegalBasis.CONTRACT),
                purpose("quiet", false, LegalBasis.CONTRACT),
                purpose("crm", false, LegalBasis.LEGITIMATE_INTERESTS));

        assertEquals(
                Map.of("information.notice", List.of("analytics", "billing"), "crm.notice", List.of("crm")),
                InformationMails.mails(applied, settings));
    }

    @Test
    void aPersonUnderConsentOnlyOrWithTheSettingOffGetsNone() {
        assertEquals(Map.of(), InformationMails.mails(List.of(purpose("news", true, null)), settings(true, Map.of())));
        assertEquals(
                Map.of(),
                InformationMails.mails(
                        List.of(purpose("billing", false, LegalBasis.CONTRACT)), settings(false, Map.of())));
    }

    private static Purpose purpose(String key, boolean consentRequired, LegalBasis basis) {
        Purpose p = new Purpose();
        p.key = key;
        p.consentRequired = consentRequired;
        p.defaultLegalBasis = basis;
        return p;
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
