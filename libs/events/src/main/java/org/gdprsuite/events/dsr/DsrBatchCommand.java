package org.gdprsuite.events.dsr;

import java.util.List;
import java.util.UUID;

/**
 * One command for many requests at once (retention sweeps): every participant handles all the subjects in one
 * transaction and answers once, with an outcome per request ({@link DsrBatchReply}). The action is the event
 * type (erasure only, today); {@code participants} are the slices the orchestrator waits for.
 */
public record DsrBatchCommand(UUID batchId, List<Subject> subjects, List<String> participants) {

    public DsrBatchCommand {
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    /** One request of the batch and whom it is about. */
    public record Subject(UUID requestId, SubjectIds subject) {}
}
