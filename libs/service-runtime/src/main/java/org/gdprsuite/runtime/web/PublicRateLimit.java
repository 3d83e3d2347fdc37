package org.gdprsuite.runtime.web;

import java.time.Clock;
import java.util.OptionalLong;

import org.gdprsuite.runtime.internal.config.PublicRateLimitConfig;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * A service's own limit on its public forms (breach report, request portal), per client address: the
 * gateway limits too, but a service reachable directly must not be floodable. Over the limit: 429
 * with Retry-After.
 */
@ApplicationScoped
public class PublicRateLimit {

    @Inject
    PublicRateLimitConfig config;

    @Inject
    Clock clock;

    private FixedWindowLimiter limiter;

    @PostConstruct
    void init() {
        limiter = new FixedWindowLimiter(config.requests(), config.window(), clock);
    }

    /** Counts one request of {@code client}; throws a 429 when its window is used up. */
    public void acquire(String client) {
        OptionalLong retryAfter = limiter.acquire(client);
        if (retryAfter.isPresent()) {
            throw new ClientErrorException(
                    "Too many requests; try again later.",
                    Response.status(429)
                            .header(HttpHeaders.RETRY_AFTER, retryAfter.getAsLong())
                            .build());
        }
    }
}
