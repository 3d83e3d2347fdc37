package org.gdprsuite.consent.domain;

import org.gdprsuite.events.InvalidEventException;

/** A record names a purpose that is not in the catalogue: a bad event (dead letter), or 422 over REST. */
public class UnknownPurposeException extends InvalidEventException {

    public UnknownPurposeException() {
        super("unknown purpose");
    }
}
