package org.gdprsuite.runtime.internal.problem;

import java.sql.SQLException;

import org.gdprsuite.runtime.problem.Problem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import jakarta.persistence.OptimisticLockException;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aConcurrentChangeFoundAtCommitIsAConflictNotAServerError() {
        // As the transaction interceptor delivers it: the lock failure wrapped in a commit exception.
        RuntimeException atCommit = new RuntimeException(
                "Error invoking subclass method",
                new IllegalStateException("commit failed", new OptimisticLockException("row changed")));
        assertEquals(409, mappers.unexpected(atCommit).getStatus());
        assertEquals(
                Problem.MEDIA_TYPE, mappers.unexpected(atCommit).getMediaType().toString());
    }

    @Test
    void aDatabaseThatCannotBeReachedForAMomentIsUnavailableNotAServerError() {
        // As Hibernate delivers PostgreSQL's "terminating connection due to administrator command" (a restart).
        RuntimeException restart = new RuntimeException(
                "JDBC exception executing SQL",
                new SQLException("terminating connection due to administrator command", "57P01"));
        assertEquals(503, mappers.unexpected(restart).getStatus());
        assertEquals("5", mappers.unexpected(restart).getHeaderString("Retry-After"));
        assertEquals(
                503,
                mappers.unexpected(new SQLException("Connection refused", "08001"))
                        .getStatus());
        assertEquals(
                500,
                mappers.unexpected(new SQLException("syntax error", "42601")).getStatus());
    }

    @Test
    void anythingElseUnexpectedStaysAServerError() {
        assertEquals(500, mappers.unexpected(new IllegalStateException("bug")).getStatus());
    }
}
