package org.gdprsuite.consent.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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

        /** The information mail (Art. 13/14) to persons added under a basis other than consent. */
        InformationMail informationMail();

        /** The webhook notices to recipients of erasures, restrictions and rectifications (Art. 19). */
        Recipients recipients();

        /** Purposes' retention periods enforced. */
        Retention retention();
    }

    interface Retention {

        /**
         * End bases whose purpose's retention period is over on a schedule (off until the DPO has looked at the dry
         * run; the DPO may also run it by hand).
         */
        @WithDefault("false")
        boolean enforce();

        /** How often due bases are ended when enforcement is on (a scheduler interval, e.g. 1h). */
        @WithDefault("1h")
        String checkEvery();
    }

    interface Recipients {

        /** How often due webhook notices are sent (a scheduler interval, e.g. 10s). */
        @WithDefault("10s")
        String dispatchEvery();

        /** How long a recipient's endpoint may take to answer before the attempt counts as failed. */
        @WithDefault("PT10S")
        Duration timeout();

        /** The wait before the first retry of a failed notice; each further retry waits twice as long. */
        @WithDefault("PT30S")
        Duration retryInitial();

        /** The longest wait between two attempts. */
        @WithDefault("PT6H")
        Duration retryMax();

        /** Attempts before a notice is dead (listed for the DPO, who may retry it). */
        @WithDefault("10")
        int maxAttempts();
    }

    interface InformationMail {

        /** Tell a new person of the purposes they are processed for without consent (Art. 13/14: a duty, so on). */
        @WithDefault("true")
        boolean enabled();

        /** How long after the person was created the mail is sent (PT0S: at once). */
        @WithDefault("PT0S")
        Duration delay();

        /** How often mails whose delay is over are sent (a scheduler interval, e.g. 30s). */
        @WithDefault("30s")
        String checkEvery();

        /** The mail template subscription-service renders, for purposes without one of their own. */
        @WithDefault("information.notice")
        String template();

        /** The privacy centre the mail links to (default: the suite's privacy centre under gdpr.public-base-url). */
        Optional<String> privacyCentreUrl();

        /** Per purpose key: whether persons are told of it, and its own template. */
        Map<String, PurposeMail> purposes();
    }

    interface PurposeMail {

        /** Tell persons of this purpose (false: this purpose is left out of the mail). */
        @WithDefault("true")
        boolean enabled();

        /** The template of this purpose's mail (default: gdpr.consent.information-mail.template). */
        Optional<String> template();
    }
}
