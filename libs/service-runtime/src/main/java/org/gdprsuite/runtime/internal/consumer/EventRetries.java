package org.gdprsuite.runtime.internal.consumer;

import java.util.function.Supplier;

import org.gdprsuite.events.InvalidEventException;
import org.gdprsuite.runtime.internal.config.ConsumerConfig;
import org.gdprsuite.runtime.internal.db.DatabaseOutage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Tries to apply an event up to {@code gdpr.consumer.attempts} times, with a back-off four times longer
 * after each failure; while the database is away the event waits without using up its tries
 * ({@link DatabaseOutage}), and an event found invalid is not tried again.
 */
@ApplicationScoped
public class EventRetries {

    @Inject
    ConsumerConfig config;

    /** The result of {@code apply}; the {@link InvalidEventException} or the last failure if it does not succeed. */
    public <T> T apply(String consumer, Supplier<T> apply) {
        long backoff = config.firstBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return DatabaseOutage.retryWhileAway(consumer, apply);
            } catch (InvalidEventException e) {
                throw e;
            } catch (RuntimeException e) {
                InvalidEventException invalid = causeOfType(e, InvalidEventException.class);
                if (invalid != null) {
                    throw invalid;
                }
                if (attempt >= config.attempts()) {
                    throw new IllegalStateException("failed after " + attempt + " attempts: " + rootCause(e), e);
                }
                sleep(backoff);
                backoff *= 4;
            }
        }
    }

    /** Exception class names only: database and driver messages may quote personal values. */
    public static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getName();
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
