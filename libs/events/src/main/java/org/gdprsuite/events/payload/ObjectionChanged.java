package org.gdprsuite.events.payload;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A person objected to processing (Art. 21), or an objection ended ({@code objected} false: withdrawn by the
 * person, or overridden by compelling legitimate grounds the DPO recorded). Published on {@code consent.inbound}
 * by the DSR orchestrator for a request of type OBJECTION, or by an integrating system that took the objection
 * (e.g. "do not call me" at a call centre); validated against {@code schemas/consent.objection-changed.json}.
 *
 * @param scope {@link Scope} of the objection
 * @param purposes the purposes objected to, for {@link Scope#PURPOSES} only
 * @param requestId the data-subject request it comes from, if any
 */
public record ObjectionChanged(
        UUID personId, String scope, List<String> purposes, boolean objected, Instant effectiveAt, UUID requestId) {

    public ObjectionChanged {
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
    }

    /** What an objection is to. */
    public enum Scope {
        /** All processing Art. 21 reaches (never a contract or legal obligation). */
        ALL,
        /** Direct marketing (Art. 21(2)-(3)): every purpose marked as direct marketing. */
        DIRECT_MARKETING,
        /** The named purposes. */
        PURPOSES
    }
}
