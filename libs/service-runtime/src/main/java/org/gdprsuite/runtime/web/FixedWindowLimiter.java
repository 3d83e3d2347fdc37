package org.gdprsuite.runtime.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts requests per key (client, address) in fixed windows: at most {@code limit} per {@code window}.
 * Bounded in memory: past a number of keys, the windows that have ended are dropped.
 */
public final class FixedWindowLimiter {

    private static final int MAX_TRACKED = 10_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(Instant start, int used) {}

    public FixedWindowLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Counts one request of {@code key}; empty if allowed, else the seconds until its window ends (Retry-After). */
    public OptionalLong acquire(String key) {
        Instant now = clock.instant();
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
        }
        Window current = windows.compute(
                key,
                (k, w) -> w == null || !now.isBefore(w.start().plus(window))
                        ? new Window(now, 1)
                        : new Window(w.start(), w.used() + 1));
        if (current.used() <= limit) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(
                Math.max(1, Duration.between(now, current.start().plus(window)).toSeconds()));
    }
}
