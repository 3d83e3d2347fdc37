package org.gdprsuite.events.payload;

import java.util.UUID;

/** A person's data was changed (also rectification, Art. 16); the email travels sealed ({@link SealedFields#EMAIL}). */
public record PersonUpdated(UUID personId, String email, String category) {}
