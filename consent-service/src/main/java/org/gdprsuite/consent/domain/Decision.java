package org.gdprsuite.consent.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.events.payload.ConsentStateChanged;

/**
 * A person × purpose as the decision API answers it: may the person be processed now, and if not, why
 * ({@code reasons}, see {@link DecisionRule}). {@code legalBasis}, {@code status}, {@code since} and
 * {@code until} describe the basis on record (all null when there is none).
 */
public record Decision(
        UUID personId,
        String purpose,
        boolean allowed,
        LegalBasis legalBasis,
        ConsentStatus status,
        Instant since,
        Instant until,
        List<DecisionReason> reasons) {

    public Decision {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** Whether a basis alone is in force: only a granted one, before its validity ends. */
    public static boolean allows(ConsentStatus status, Instant until, Instant at) {
        return DecisionRule.basisReason(status, until, at) == null;
    }

    /** The decision at {@code now}; a granted basis past its validity is answered with status expired. */
    public static Decision of(
            UUID personId,
            String purpose,
            LegalBasis basis,
            ConsentStatus status,
            Instant since,
            Instant until,
            boolean directMarketing,
            SubjectFacts facts,
            Instant now) {
        List<DecisionReason> reasons = DecisionRule.reasons(basis, status, until, directMarketing, facts, now);
        boolean expired = status == ConsentStatus.GRANTED && !allows(status, until, now);
        return new Decision(
                personId,
                purpose,
                reasons.isEmpty(),
                basis,
                expired ? ConsentStatus.EXPIRED : status,
                since,
                until,
                reasons);
    }

    /** An address or external id no consent named and no person was announced with. */
    public static Decision unknownSubject(String purpose) {
        return new Decision(null, purpose, false, null, null, null, null, List.of(DecisionReason.UNKNOWN_SUBJECT));
    }

    /** The decision without the subject's id: a pending subject's id is the service's own, not a person's. */
    public Decision withoutId() {
        return new Decision(null, purpose, allowed, legalBasis, status, since, until, reasons);
    }

    /** Nothing recorded for a known person: no basis, not allowed. */
    public static Decision none(UUID personId, String purpose) {
        return new Decision(personId, purpose, false, null, null, null, null, List.of(DecisionReason.NO_BASIS));
    }

    /** The decision as {@code consent.events} carries it (only for a basis on record: its time orders the events). */
    public ConsentStateChanged event() {
        return new ConsentStateChanged(
                personId,
                purpose,
                allowed,
                legalBasis.name(),
                status.name(),
                since,
                until,
                reasons.stream().map(Enum::name).toList());
    }
}
