package org.gdprsuite.runtime.internal.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** A service's own limit on its public forms, per client address (PublicRateLimit). */
@ConfigMapping(prefix = "gdpr.public-rate-limit")
public interface PublicRateLimitConfig {

    /** Requests allowed per client address and window. */
    @WithDefault("10")
    int requests();

    /** Length of the fixed window the requests are counted in. */
    @WithDefault("PT10M")
    Duration window();
}
