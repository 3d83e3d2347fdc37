package org.gdprsuite.events.payload;

import java.util.UUID;

/** A person entered the CRM. Carries the email, sealed ({@link SealedFields#EMAIL}), only because the suite's mail needs it. */
public record PersonCreated(UUID personId, String email, String category) {}
