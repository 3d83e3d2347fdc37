package org.gdprsuite.events;

/** An event that does not parse, has no known type, or breaks its schema: it can never succeed, so it is dead-lettered at once. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
