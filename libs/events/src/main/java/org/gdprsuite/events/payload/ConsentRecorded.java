package org.gdprsuite.events.payload;

import java.time.Instant;
import java.util.UUID;

/**
 * A consent decision reported by an integrating system (web form, marketing tool, ERP) on
 * {@code consent.inbound}; validated against {@code schemas/consent.recorded.json}.
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
        Evidence evidence) {

    /** How the decision was captured, as proof (Art. 7(1)). */
    public record Evidence(String ip, String userAgent, String formId) {}
}
