package org.gdprsuite.runtime.internal.db;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * Tells a failure because PostgreSQL cannot be reached right now (restarting, failing over, out of
 * connections) from one caused by the work itself. An outage passes: callers answer 503 or wait and
 * retry, they never reject the request or dead-letter the event for it.
 */
public final class DatabaseOutage {

    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private DatabaseOutage() {}

    /**
     * Runs {@code work}, and again after a pause for as long as it fails because the database is away:
     * for consumers, whose event is not at fault and must neither use up its retries nor be dead-lettered
     * (the partition simply waits). Any other failure is thrown as it is.
     */
    public static <T> T retryWhileAway(String what, Supplier<T> work) {
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (!causedBy(e)) {
                    throw e;
                }
                LOG.warnf(
                        "Database unavailable for %s (%s); retrying in %d ms",
                        what, e.getClass().getName(), pause.toMillis());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && isOutage(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown, crash, cannot connect now), 53300 (too many connections). */
    private static boolean isOutage(String state) {
        return state.startsWith("08") || state.startsWith("57P") || state.equals("53300");
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }
}
