package org.gdprsuite.events.payload;

import java.util.UUID;

/**
 * A person entered the CRM. Carries the email only because the suite's mail needs it, and the country, the
 * organisation's id, the source and the time of the last activity (ISO-8601) only because selections filter on
 * them; all five travel sealed ({@link SealedFields}), the category in clear.
 */
public record PersonCreated(
        UUID personId,
        String email,
        String category,
        String country,
        String organisationId,
        String source,
        String lastActivityAt) {

    /** A person known by address and category alone. */
    public PersonCreated(UUID personId, String email, String category) {
        this(personId, email, category, null, null, null, null);
    }
}
