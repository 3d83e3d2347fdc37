package org.gdprsuite.events.dsr;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A participant's answer to one command: done (with the exported slice for an export), held with the
 * legal reason (e.g. Art. 17(3)(b)), or failed with an error the orchestrator may retry.
 */
public record DsrReply(
        UUID requestId,
        String commandId,
        DsrAction action,
        String participant,
        Outcome outcome,
        String legalReason,
        String error,
        JsonNode slice) {

    public enum Outcome {
        DONE,
        HELD,
        FAILED
    }
}
