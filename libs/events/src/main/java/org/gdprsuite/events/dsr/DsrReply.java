package org.gdprsuite.events.dsr;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A participant's answer to one command: done (with the exported slice for an export), held with the
 * legal reason (e.g. Art. 17(3)(b)), or failed with an error the orchestrator may retry. On the bus an export's
 * slice travels only as {@code sealedSlice}, sealed to the command's {@code sealingKey}; {@code slice} is the
 * slice in clear as the participant answered it (tests of participants), never sent, and refused by the
 * orchestrator.
 */
public record DsrReply(
        UUID requestId,
        String commandId,
        DsrAction action,
        String participant,
        Outcome outcome,
        String legalReason,
        String error,
        JsonNode slice,
        String sealedSlice) {

    public DsrReply {
        slice = slice == null || slice.isNull() ? null : slice; // JSON null reads as a NullNode: no slice
    }

    /** A reply without a sealed slice. */
    public DsrReply(
            UUID requestId,
            String commandId,
            DsrAction action,
            String participant,
            Outcome outcome,
            String legalReason,
            String error,
            JsonNode slice) {
        this(requestId, commandId, action, participant, outcome, legalReason, error, slice, null);
    }

    public enum Outcome {
        DONE,
        HELD,
        FAILED
    }
}
