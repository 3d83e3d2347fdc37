package org.gdprsuite.events.payload;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The effective decision for a person × purpose changed: may they be processed for it, and if not why
 * ({@code reasons}, the decision API's stable codes such as {@code RESTRICTED} or {@code OPTED_OUT}), on which
 * basis, since/until when. {@code since} is the time of the basis in force; a change of the person's rights
 * (restriction, objection, opt-out, erasure) is published again with the same {@code since}, so read models that
 * keep the newest by {@code since} take it (later on the partition wins a tie). Events written before
 * {@code reasons} existed read as an empty list.
 */
public record ConsentStateChanged(
        UUID personId,
        String purpose,
        boolean allowed,
        String legalBasis,
        String status,
        Instant since,
        Instant until,
        List<String> reasons) {

    public ConsentStateChanged {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** A state without reasons (how producers before the reasons wrote it). */
    public ConsentStateChanged(
            UUID personId,
            String purpose,
            boolean allowed,
            String legalBasis,
            String status,
            Instant since,
            Instant until) {
        this(personId, purpose, allowed, legalBasis, status, since, until, List.of());
    }
}
