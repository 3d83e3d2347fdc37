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

        /** The mailing jobs' runner. */
        Mailing mailing();
    }

    interface Mailing {

        /** How often the job runner plans queued mailings and sends the next mails ({@code off}: never, by hand). */
        @WithDefault("1s")
        String checkEvery();

        /** At most this many mails per second (per instance of the service): the rate mailings go out at. */
        @WithDefault("20")
        int ratePerSecond();

        /** How often a mail the SMTP server refused is tried before its recipient is recorded as failed. */
        @WithDefault("3")
        int maxAttempts();

        /** How long after a refused mail it is tried again. */
        @WithDefault("PT1M")
        Duration retryAfter();

        /**
         * How long a recipient may stay claimed (SENDING) before the claim counts as left by a crash: then it is
         * recorded as UNKNOWN and never resent (at most once). Longer than an SMTP delivery may take.
         */
        @WithDefault("PT5M")
        Duration inDoubtAfter();
    }
}
