package org.gdprsuite.consent.domain;

/**
 * A record names a person id no service has announced on {@code contact.events}: never stored as an orphan. 422
 * over REST. On Kafka the record waits for the person instead ({@link ParkedConsents}): contact.events and
 * consent.inbound are separate topics, and a person created with a consent in one transaction (a CSV import, a
 * web form) may be announced a while after the consent arrives; one still waiting after
 * {@code gdpr.consent.unknown-person-wait} is dead-lettered with this class in the reason. The message names no id.
 */
public class UnknownPersonException extends RuntimeException {

    public UnknownPersonException() {
        super("unknown person id: no service has announced this person");
    }
}
