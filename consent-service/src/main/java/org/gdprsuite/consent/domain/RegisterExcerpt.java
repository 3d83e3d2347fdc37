package org.gdprsuite.consent.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.gdprsuite.consent.domain.RecipientEntry.Role;
import org.gdprsuite.consent.domain.RegisterEntries.Controller;
import org.gdprsuite.consent.domain.RegisterEntries.Recipient;
import org.gdprsuite.consent.domain.RegisterEntries.Transfer;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the record of processing activities says about one person's purposes, as their access export carries it (Art.
 * 15(1)(a)-(d), 15(2)): the controller, and per purpose its legal basis, retention period, data categories,
 * recipients (from the recipients register and the entry's own list) and transfers. Made from one read of the
 * register per export ({@link #of}), then cut per person ({@link #about}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisterExcerpt(Controller controller, List<PurposeFacts> purposes) {

    /** One purpose of the person as the register describes it. */
    public record PurposeFacts(
            String purpose,
            String name,
            LegalBasis legalBasis,
            String legalBasisArticle,
            String retentionPeriod,
            List<String> dataCategories,
            List<RecipientFacts> registeredRecipients,
            List<Recipient> recipients,
            List<Transfer> transfers) {}

    /** A registered recipient as the person sees it: no agreement references, no webhook. */
    public record RecipientFacts(String name, Role role, String country) {}

    /** The register as it stands: the controller record (if any) and every purpose's entry. */
    public static Register of(Controller controller, List<ProcessingRegister.Entry> entries) {
        Map<String, PurposeFacts> byPurpose = new LinkedHashMap<>();
        entries.forEach(e -> byPurpose.put(e.purpose(), facts(e)));
        return new Register(controller, byPurpose);
    }

    /** The register read once, cut to the purposes of each person of an export. */
    public record Register(Controller controller, Map<String, PurposeFacts> byPurpose) {

        /** The excerpt for {@code purposes} (in their order, each once; a purpose not in the catalogue is left out). */
        public RegisterExcerpt about(Collection<String> purposes) {
            return new RegisterExcerpt(
                    controller,
                    purposes.stream()
                            .distinct()
                            .map(byPurpose::get)
                            .filter(Objects::nonNull)
                            .toList());
        }
    }

    private static PurposeFacts facts(ProcessingRegister.Entry e) {
        return new PurposeFacts(
                e.purpose(),
                e.name(),
                e.legalBasis(),
                e.legalBasisArticle(),
                e.retentionPeriod(),
                e.catalogueDataCategories() == null ? List.of() : e.catalogueDataCategories(),
                e.registeredRecipients().stream()
                        .map(r -> new RecipientFacts(r.name(), r.role(), r.country()))
                        .toList(),
                e.activity().recipients(),
                e.activity().transfers());
    }
}
