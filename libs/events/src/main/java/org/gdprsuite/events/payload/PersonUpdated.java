package org.gdprsuite.events.payload;

import java.util.UUID;

/**
 * A person's data was changed (also rectification, Art. 16), or an activity moved their last activity forward: the
 * current values of the fields other services keep, sealed as in {@link PersonCreated}.
 */
public record PersonUpdated(
        UUID personId,
        String email,
        String category,
        String country,
        String organisationId,
        String source,
        String lastActivityAt) {

    /** A person known by address and category alone. */
    public PersonUpdated(UUID personId, String email, String category) {
        this(personId, email, category, null, null, null, null);
    }
}
