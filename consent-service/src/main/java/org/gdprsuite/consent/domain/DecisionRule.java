package org.gdprsuite.consent.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The rule of "may we process this person for this purpose now?", pure: allowed only when a basis is in force
 * and no right the person exercised forbids it. The reasons come out in {@link DecisionReason} order.
 */
public final class DecisionRule {

    /**
     * Bases Art. 21 does not reach: an objection or an opt-out (an objection to direct marketing) never stops
     * processing needed for a contract, a legal obligation or someone's vital interests.
     */
    private static final Set<LegalBasis> BEYOND_OBJECTION =
            EnumSet.of(LegalBasis.CONTRACT, LegalBasis.LEGAL_OBLIGATION, LegalBasis.VITAL_INTERESTS);

    private DecisionRule() {}

    /**
     * @param basis the basis in force (null: none recorded)
     * @param status its status (null: none recorded)
     * @param until the end of its validity (null: none)
     * @param directMarketing whether the purpose is direct marketing
     */
    public static List<DecisionReason> reasons(
            LegalBasis basis,
            ConsentStatus status,
            Instant until,
            boolean directMarketing,
            SubjectFacts facts,
            Instant now) {
        if (!facts.known()) {
            // Nothing else can be said of an id no service knows: it is not a person of the suite.
            return List.of(DecisionReason.UNKNOWN_SUBJECT);
        }
        EnumSet<DecisionReason> reasons = EnumSet.noneOf(DecisionReason.class);
        DecisionReason basisReason = basisReason(status, until, now);
        if (basisReason != null) {
            reasons.add(basisReason);
        }
        if (facts.restricted()) {
            reasons.add(DecisionReason.RESTRICTED);
        }
        boolean objectable = basis == null || !BEYOND_OBJECTION.contains(basis);
        if (objectable
                && (facts.objectedAll()
                        || facts.purposeObjected()
                        || (directMarketing && facts.objectedDirectMarketing()))) {
            reasons.add(DecisionReason.OBJECTED);
        }
        if (objectable && (facts.purposeOptedOut() || (directMarketing && facts.optedOut()))) {
            reasons.add(DecisionReason.OPTED_OUT);
        }
        if (facts.erased()) {
            reasons.add(DecisionReason.ERASED);
        }
        return List.copyOf(reasons);
    }

    /** Only a granted basis before the end of its validity is in force; the end is exclusive. */
    static DecisionReason basisReason(ConsentStatus status, Instant until, Instant now) {
        if (status == null) {
            return DecisionReason.NO_BASIS;
        }
        return switch (status) {
            case GRANTED -> until == null || now.isBefore(until) ? null : DecisionReason.EXPIRED;
            case EXPIRED -> DecisionReason.EXPIRED;
            case WITHDRAWN -> DecisionReason.WITHDRAWN;
            case DENIED, PENDING_CONFIRMATION -> DecisionReason.NO_BASIS;
        };
    }
}
