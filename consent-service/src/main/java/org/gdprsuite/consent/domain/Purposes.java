package org.gdprsuite.consent.domain;

import java.util.List;
import java.util.Optional;

import org.gdprsuite.runtime.problem.DomainProblem;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The purposes catalogue: the one place that reads and writes it. */
@ApplicationScoped
public class Purposes {

    /** What a DPO defines for a purpose (see {@link Purpose} for the meaning of each field). */
    public record Definition(
            String name,
            String description,
            boolean consentRequired,
            LegalBasis defaultLegalBasis,
            String retentionPeriod,
            Integer consentValidityDays,
            List<String> dataCategories,
            boolean directMarketing,
            boolean selfServiceConsent) {

        /** The definition of a purpose in the catalogue. */
        public static Definition of(Purpose p) {
            return new Definition(
                    p.name,
                    p.description,
                    p.consentRequired,
                    p.defaultLegalBasis,
                    p.retentionPeriod,
                    p.consentValidityDays,
                    p.dataCategories,
                    p.directMarketing,
                    p.selfServiceConsent);
        }
    }

    /** The whole catalogue by key: a short list the DPO maintains, not one that grows with persons. */
    public List<Purpose> list() {
        return Purpose.listAll(Sort.by("key"));
    }

    public Optional<Purpose> find(String key) {
        // No key is longer than its column: not worth a query.
        return key == null || key.length() > 100 ? Optional.empty() : Purpose.findByIdOptional(key);
    }

    public Purpose get(String key) {
        return find(key).orElseThrow(() -> DomainProblem.notFound("purpose-not-found", "No such purpose."));
    }

    /** The name a person is shown; the key when the purpose is gone. */
    public String nameOf(String key) {
        return find(key).map(p -> p.name).orElse(key);
    }

    /** Creates or replaces a purpose. */
    @Transactional
    public Purpose define(String key, Definition definition) {
        Purpose purpose = find(key).orElseGet(() -> {
            Purpose created = new Purpose();
            created.key = key;
            return created;
        });
        purpose.name = definition.name();
        purpose.description = definition.description();
        purpose.consentRequired = definition.consentRequired();
        purpose.defaultLegalBasis = definition.defaultLegalBasis();
        purpose.retentionPeriod = definition.retentionPeriod();
        purpose.consentValidityDays = definition.consentValidityDays();
        purpose.directMarketing = definition.directMarketing();
        purpose.selfServiceConsent = definition.selfServiceConsent();
        purpose.dataCategories =
                definition.dataCategories() == null ? List.of() : List.copyOf(definition.dataCategories());
        purpose.persist();
        return purpose;
    }
}
