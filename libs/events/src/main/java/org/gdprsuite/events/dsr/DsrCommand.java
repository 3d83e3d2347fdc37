package org.gdprsuite.events.dsr;

import java.util.List;
import java.util.UUID;

/**
 * What the orchestrator asks every participant to do for one request (export, erase, restrict, lift).
 * The action is the event type; {@code participants} are the slices it waits for.
 */
public record DsrCommand(UUID requestId, SubjectIds subject, List<String> participants) {

    public DsrCommand {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }
}
