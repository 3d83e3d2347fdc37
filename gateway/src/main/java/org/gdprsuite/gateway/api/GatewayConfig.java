package org.gdprsuite.gateway.api;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the services are and how patient the gateway is with them; every key can be set by environment. */
@ConfigMapping(prefix = "gdpr.gateway")
public interface GatewayConfig {

    /** Service name (as in the routing table) → its base URL. */
    Map<String, URI> services();

    @WithDefault("PT1S")
    Duration connectTimeout();

    /** Longest silence of a service during a call before the gateway answers 504. */
    @WithDefault("PT30S")
    Duration timeout();

    RateLimit rateLimit();

    interface RateLimit {
        /** Calls per minute of one authenticated client (token subject). */
        @WithDefault("6000")
        int clientPerMinute();

        /** Calls per minute of one address on public and unauthenticated routes. */
        @WithDefault("120")
        int publicPerMinute();
    }
}
