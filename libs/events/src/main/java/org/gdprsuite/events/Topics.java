package org.gdprsuite.events;

import java.util.List;

/**
 * The Kafka topics of the suite. Their names are a contract: they are documented in
 * {@code docs/asyncapi.yaml} and provisioned from {@code stack/kafka/topics.txt}.
 */
public final class Topics {

    public static final String CONTACT_EVENTS = "contact.events";
    /** Consent events published by integrating systems (web forms, marketing tools, ERP). */
    public static final String CONSENT_INBOUND = "consent.inbound";

    public static final String CONSENT_EVENTS = "consent.events";
    public static final String SUBSCRIPTION_EVENTS = "subscription.events";
    /** Data-subject request commands from the orchestrator to every participant; keyed by request id. */
    public static final String DSR_COMMANDS = "dsr.commands";
    /** Participants' answers to {@link #DSR_COMMANDS}; keyed by request id. */
    public static final String DSR_REPLIES = "dsr.replies";

    public static final String INCIDENT_EVENTS = "incident.events";
    /** Mail the suite sends: consent requests, verification codes, breach notices. */
    public static final String NOTIFICATION_REQUESTS = "notification.requests";

    /** Every topic of the suite; each one is consumed by some service and so has a dead-letter topic. */
    public static final List<String> ALL = List.of(
            CONTACT_EVENTS,
            CONSENT_INBOUND,
            CONSENT_EVENTS,
            SUBSCRIPTION_EVENTS,
            DSR_COMMANDS,
            DSR_REPLIES,
            INCIDENT_EVENTS,
            NOTIFICATION_REQUESTS);

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {}

    /** The dead-letter topic where events of {@code topic} that cannot be processed end up. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
