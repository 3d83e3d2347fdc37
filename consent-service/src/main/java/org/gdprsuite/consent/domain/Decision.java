package org.gdprsuite.consent.domain;

import java.time.Instant;
import java.util.UUID;

/** A person × purpose state as the decision API answers it: may the person be processed now? */
public record Decision(
        UUID personId,
        String purpose,
        boolean allowed,
        LegalBasis legalBasis,
        ConsentStatus status,
        Instant since,
        Instant until) {

    /** Only a granted basis allows processing, and only before its validity ends. */
    public static boolean allows(ConsentStatus status, Instant until, Instant at) {
        return status == ConsentStatus.GRANTED && (until == null || at.isBefore(until));
    }

    /** The decision at {@code now}; a granted basis past its validity is answered as expired. */
    public static Decision of(
            UUID personId,
            String purpose,
            LegalBasis basis,
            ConsentStatus status,
            Instant since,
            Instant until,
            Instant now) {
        boolean allowed = allows(status, until, now);
        return new Decision(
                personId,
                purpose,
                allowed,
                basis,
                allowed || status != ConsentStatus.GRANTED ? status : ConsentStatus.EXPIRED,
                since,
                until);
    }

    /** Nothing recorded: no basis, not allowed. */
    public static Decision none(UUID personId, String purpose) {
        return new Decision(personId, purpose, false, null, null, null, null);
    }
}
