package org.gdprsuite.runtime.internal.db;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class DatabaseOutageTest {

    @Test
    void connectionFailuresAndShutdownsAreOutagesAnythingElseIsNot() {
        assertTrue(DatabaseOutage.causedBy(new RuntimeException(new SQLException("refused", "08001"))));
        assertTrue(DatabaseOutage.causedBy(
                new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(DatabaseOutage.causedBy(new SQLException("too many clients", "53300")));
        assertFalse(DatabaseOutage.causedBy(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseOutage.causedBy(new IllegalStateException("bug")));
    }

    @Test
    void workIsRetriedWhileTheDatabaseIsAwayAndOtherFailuresPassThrough() {
        AtomicInteger calls = new AtomicInteger();
        String result = DatabaseOutage.retryWhileAway("a test", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException(new SQLException("I/O error", "08006"));
            }
            return "applied";
        });
        assertEquals("applied", result);
        assertEquals(3, calls.get());

        IllegalArgumentException bad = new IllegalArgumentException("a bad event");
        assertSame(
                bad,
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DatabaseOutage.retryWhileAway("a test", () -> {
                            throw bad;
                        })));
    }
}
