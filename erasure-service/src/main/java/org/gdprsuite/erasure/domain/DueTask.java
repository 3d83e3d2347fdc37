package org.gdprsuite.erasure.domain;

import java.util.List;
import java.util.UUID;

/** A task whose retry is due, with what a command for it needs of its request. */
public record DueTask(
        UUID requestId,
        String participant,
        String action,
        int attempts,
        UUID batchId,
        List<UUID> personIds,
        String email) {

    public TaskKey key() {
        return new TaskKey(requestId, participant);
    }
}
