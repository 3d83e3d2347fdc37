package org.gdprsuite.consent.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** consent-service's configuration: every key it reads, with its default (documented in docs/configuration). */
@ConfigMapping(prefix = "gdpr")
public interface ConsentConfig {

    /** Where public links (consent confirmation) point: the gateway as a person reaches it. */
    @WithDefault("http://127.0.0.1:8080")
    String publicBaseUrl();

    /** The consent ledger's own settings. */
    Consent consent();

    interface Consent {

        /** How long the confirmation link of a consent-request mail stays valid. */
        @WithDefault("P7D")
        Duration confirmationValidity();

        /** How often consents past their validity are recorded as expired (a scheduler interval, e.g. 5m). */
        @WithDefault("5m")
        String expiryCheckEvery();

        /**
         * How far in the past a record's effective time may lie (clocks, queues) unless it is an import or an
         * integration event with evidence.
         */
        @WithDefault("PT5M")
        Duration backdatingTolerance();

        /**
         * How long a consent from Kafka naming a person not announced yet waits for contact-service's announcement
         * before it is dead-lettered.
         */
        @WithDefault("PT10M")
        Duration unknownPersonWait();

        /** How often waiting consents are checked against that window (a scheduler interval, e.g. 30s). */
        @WithDefault("30s")
        String unknownPersonCheckEvery();

        /** The language of a notice published without one, and the one shown when a language has no notice. */
        @WithDefault("en")
        String noticeLanguage();
    }
}
