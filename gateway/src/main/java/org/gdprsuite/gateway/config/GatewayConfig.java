package org.gdprsuite.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the services are and how patient the gateway is with them; every key can be set by environment.
 * The one place of the gateway's defaults (docs/configuration/gateway.md lists them).
 */
@ConfigMapping(prefix = "gdpr.gateway")
public interface GatewayConfig {

    /**
     * Service name (as in the routing table) → its base URLs, comma-separated: one per instance, called in
     * turn. No default here: the five local URLs are in application.properties, a map has no per-key default.
     */
    Map<String, List<URI>> services();

    /** How long an instance that refused a connection is tried only after the other instances of its service. */
    @WithDefault("PT5S")
    Duration instanceSetAside();

    /** Longest wait for a connection to a service before the gateway answers 503. */
    @WithDefault("PT1S")
    Duration connectTimeout();

    /** Longest silence of a service during a call before the gateway answers 504. */
    @WithDefault("PT30S")
    Duration timeout();

    /**
     * Calls one service may have open through the gateway at once; beyond, the gateway answers 503 with
     * Retry-After at once instead of queueing without bound (Little: 1,000 calls/s at 10 ms are 10 open).
     */
    @WithDefault("200")
    int maxInFlight();

    /**
     * Proxies in front of the gateway (IP addresses or CIDR ranges, e.g. the load balancer) whose
     * X-Forwarded-For is believed; none by default: the peer of the connection is the client.
     */
    Optional<List<String>> trustedProxies();

    /** How long the merged OpenAPI document is served from memory before the services are asked again. */
    @WithDefault("PT1M")
    Duration openapiCache();

    /** The gateway's rate limits. */
    RateLimit rateLimit();

    /** The access log of personal-data calls. */
    AccessLog accessLog();

    /** Staff users of the suite, managed in Keycloak through the admin API (docs/staff-users.md). */
    Staff staff();

    interface Staff {
        /**
         * The confidential client of the realm whose service account manages staff users (realm-management
         * roles view-users and manage-users only); realm and server are those of quarkus.oidc.auth-server-url.
         */
        @WithDefault("gateway-staff")
        String clientId();

        /** The client's secret; without one (only dev and test have a value) staff management answers 503. */
        Optional<String> clientSecret();

        /** How long a new user's temporary password may wait for the first login; unused, it is removed. */
        @WithDefault("P3D")
        Duration temporaryPasswordLifespan();

        /** The realm roles an admin may give a staff user (one each). */
        @WithDefault("dpo,sales,marketing,support,finance,admin")
        List<String> roles();
    }

    interface AccessLog {
        /**
         * Personal-data calls whose access-log entry may wait to be written (about 300 bytes each). When
         * they are all taken, personal-data calls are refused with 503 until the database catches up.
         */
        @WithDefault("20000")
        int capacity();

        /** Entries written per transaction at most. */
        @WithDefault("500")
        int batchSize();
    }

    interface RateLimit {
        /** Calls per minute of one authenticated client (token subject). */
        @WithDefault("6000")
        int clientPerMinute();

        /** Calls per minute of one address on public and unauthenticated routes. */
        @WithDefault("120")
        int publicPerMinute();
    }
}
