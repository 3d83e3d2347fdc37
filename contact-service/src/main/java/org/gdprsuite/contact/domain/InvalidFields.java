package org.gdprsuite.contact.domain;

import java.util.Map;

/** Fields of a request or import row that are unknown or invalid: field name → what is expected (never the value). */
public class InvalidFields extends RuntimeException {

    private final transient Map<String, String> errors;

    public InvalidFields(Map<String, String> errors) {
        super("invalid fields: " + errors.keySet(), null, false, false);
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
