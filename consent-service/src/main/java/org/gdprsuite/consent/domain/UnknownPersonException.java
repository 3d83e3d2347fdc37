package org.gdprsuite.consent.domain;

/**
 * A record names a person id no service has announced on {@code contact.events}: never stored as an orphan. 422
 * over REST. On Kafka it is not an invalid event but a failure the consumer retries with back-off before it
 * dead-letters it (reason: this class): contact.events and consent.inbound are separate topics, and a person
 * created with a consent in one transaction (a CSV import, a web form) may be announced a moment after the
 * consent arrives. The message names no id.
 */
public class UnknownPersonException extends RuntimeException {

    public UnknownPersonException() {
        super("unknown person id: no service has announced this person");
    }
}
