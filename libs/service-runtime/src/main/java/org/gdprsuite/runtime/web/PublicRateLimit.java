package org.gdprsuite.runtime.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * A service's own limit on its public forms (breach report, request portal), per client address and
 * fixed window: the gateway limits too, but a service reachable directly must not be floodable. Over
 * the limit: 429 with Retry-After.
 */
@ApplicationScoped
public class PublicRateLimit {

    /** Above this many tracked addresses, windows that have ended are dropped. */
    private static final int MAX_TRACKED = 10_000;

    @ConfigProperty(name = "gdpr.public-rate-limit.requests", defaultValue = "10")
    int requests;

    @ConfigProperty(name = "gdpr.public-rate-limit.window", defaultValue = "PT10M")
    Duration window;

    @Inject
    Clock clock;

    private record Window(Instant start, int used) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /** Counts one request of {@code client}; throws a 429 when its window is used up. */
    public void acquire(String client) {
        Instant now = clock.instant();
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
        }
        Window current = windows.compute(client, (key, w) -> w == null || !now.isBefore(w.start().plus(window))
                ? new Window(now, 1) : new Window(w.start(), w.used() + 1));
        if (current.used() > requests) {
            long retryAfter = Math.max(1, Duration.between(now, current.start().plus(window)).toSeconds());
            throw new ClientErrorException("Too many requests; try again later.",
                    Response.status(429).header(HttpHeaders.RETRY_AFTER, retryAfter).build());
        }
    }
}
