package org.gdprsuite.runtime.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import jakarta.persistence.OptimisticLockException;

class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aConcurrentChangeFoundAtCommitIsAConflictNotAServerError() {
        // As the transaction interceptor delivers it: the lock failure wrapped in a commit exception.
        RuntimeException atCommit = new RuntimeException("Error invoking subclass method",
                new IllegalStateException("commit failed", new OptimisticLockException("row changed")));
        assertEquals(409, mappers.unexpected(atCommit).getStatus());
        assertEquals(Problem.MEDIA_TYPE, mappers.unexpected(atCommit).getMediaType().toString());
    }

    @Test
    void anythingElseUnexpectedStaysAServerError() {
        assertEquals(500, mappers.unexpected(new IllegalStateException("bug")).getStatus());
    }
}
