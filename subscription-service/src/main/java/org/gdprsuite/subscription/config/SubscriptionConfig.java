package org.gdprsuite.subscription.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** subscription-service's configuration: every key it reads, with its default (documented in docs/configuration). */
@ConfigMapping(prefix = "gdpr")
public interface SubscriptionConfig {

    /** Where links in mail (preference centre, one-click unsubscribe) point: the gateway as persons reach it. */
    @WithDefault("http://127.0.0.1:8080")
    String publicBaseUrl();

    /** The subscriptions' own settings. */
    Subscription subscription();

    interface Subscription {

        /** How long a preference-centre or unsubscribe link in a mail stays valid. */
        @WithDefault("P90D")
        Duration linkValidity();
    }
}
