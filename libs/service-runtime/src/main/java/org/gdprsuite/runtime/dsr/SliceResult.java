package org.gdprsuite.runtime.dsr;

import org.gdprsuite.events.dsr.DsrReply.Outcome;

/** What a participant did with its slice: done (with exported data), held for a legal reason, or failed. */
public record SliceResult(Outcome outcome, Object data, String legalReason, String error) {

    public static SliceResult done() {
        return new SliceResult(Outcome.DONE, null, null, null);
    }

    /** Done, with the exported slice (any JSON-serialisable value). */
    public static SliceResult done(Object data) {
        return new SliceResult(Outcome.DONE, data, null, null);
    }

    /** Kept on purpose, e.g. "Art. 17(3)(b): retention required by commercial law". */
    public static SliceResult held(String legalReason) {
        return new SliceResult(Outcome.HELD, null, legalReason, null);
    }

    /** Could not be done; the orchestrator may retry. The error must not contain personal data. */
    public static SliceResult failed(String error) {
        return new SliceResult(Outcome.FAILED, null, null, error);
    }
}
