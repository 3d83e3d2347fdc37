package org.gdprsuite.events.payload;

import java.time.Instant;
import java.util.UUID;

/**
 * A consent decision reported by an integrating system (web form, marketing tool, ERP) on
 * {@code consent.inbound}; validated against {@code schemas/consent.recorded.json}. The subject is named by
 * {@code personId}, by {@code email}, or by the system's own id ({@code sourceSystem} + {@code externalId}), at
 * least one of them; an address the suite does not know yet is kept as a pending subject.
 */
public record ConsentRecorded(
        UUID personId,
        String purpose,
        String status,
        String legalBasis,
        Instant effectiveAt,
        String source,
        String channel,
        String noticeVersion,
        Evidence evidence,
        String email,
        String sourceSystem,
        String externalId) {

    /** A decision about a person named by the suite's id (as before names by address or external id existed). */
    public ConsentRecorded(
            UUID personId,
            String purpose,
            String status,
            String legalBasis,
            Instant effectiveAt,
            String source,
            String channel,
            String noticeVersion,
            Evidence evidence) {
        this(
                personId,
                purpose,
                status,
                legalBasis,
                effectiveAt,
                source,
                channel,
                noticeVersion,
                evidence,
                null,
                null,
                null);
    }

    /** How the decision was captured, as proof (Art. 7(1)). */
    public record Evidence(String ip, String userAgent, String formId) {}
}
