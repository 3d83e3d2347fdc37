package org.gdprsuite.events.dsr;

import java.util.List;
import java.util.UUID;

import org.gdprsuite.events.dsr.DsrReply.Outcome;

/**
 * A participant's answer to a {@link DsrBatchCommand}: one outcome per request of the batch (done, held with
 * the legal reason, or failed with an error the orchestrator retries), so every subject is confirmed on its own.
 */
public record DsrBatchReply(
        UUID batchId, String commandId, DsrAction action, String participant, List<SubjectOutcome> outcomes) {

    public DsrBatchReply {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    public record SubjectOutcome(UUID requestId, Outcome outcome, String legalReason, String error) {}
}
