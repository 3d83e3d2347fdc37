package org.gdprsuite.consent.domain;

import org.gdprsuite.events.InvalidEventException;

/**
 * A record names a person id no service has announced on {@code contact.events}: never stored as an orphan.
 * An invalid event (dead letter, not retried) on Kafka, 422 over REST. The message names no id.
 */
public class UnknownPersonException extends InvalidEventException {

    public UnknownPersonException() {
        super("unknown person id: no service has announced this person");
    }
}
