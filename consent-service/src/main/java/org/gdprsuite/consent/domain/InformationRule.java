package org.gdprsuite.consent.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gdprsuite.consent.config.ConsentConfig.InformationMail;
import org.gdprsuite.consent.config.ConsentConfig.PurposeMail;

/** What a person's information mails (Art. 13/14) tell, pure: see {@link InformationMails}. */
final class InformationRule {

    /** A purpose and the basis a person was told it is processed on. */
    record Told(String purpose, String legalBasis) {}

    private InformationRule() {}

    /**
     * What a person is to be told now, by template: of {@code current} (purpose → basis in force), each purpose on a
     * basis other than consent whose mail is on, with a basis not {@code told} yet; nothing when the setting is off.
     */
    static Map<String, Map<String, LegalBasis>> mails(
            Map<String, LegalBasis> current, Set<Told> told, InformationMail settings) {
        Map<String, Map<String, LegalBasis>> byTemplate = new LinkedHashMap<>();
        if (!settings.enabled()) {
            return byTemplate;
        }
        current.forEach((purpose, basis) -> {
            Optional<PurposeMail> own = Optional.ofNullable(settings.purposes().get(purpose));
            boolean withoutConsent = basis != null && basis != LegalBasis.CONSENT;
            if (withoutConsent
                    && own.map(PurposeMail::enabled).orElse(true)
                    && !told.contains(new Told(purpose, basis.name()))) {
                String template = own.flatMap(PurposeMail::template).orElse(settings.template());
                byTemplate.computeIfAbsent(template, t -> new LinkedHashMap<>()).put(purpose, basis);
            }
        });
        return byTemplate;
    }
}
