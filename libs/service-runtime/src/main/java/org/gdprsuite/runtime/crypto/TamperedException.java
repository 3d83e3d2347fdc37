package org.gdprsuite.runtime.crypto;

/**
 * A sealed value failed authentication: altered, truncated, or moved to another subject or field (its
 * AAD differs). An integrity failure of stored data, not a user's mistake.
 */
public class TamperedException extends IllegalStateException {

    public TamperedException() {
        super("A sealed value was altered or does not belong to this subject and field.");
    }
}
