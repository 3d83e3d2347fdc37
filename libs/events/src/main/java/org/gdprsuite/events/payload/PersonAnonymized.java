package org.gdprsuite.events.payload;

import java.util.UUID;

/** A person was anonymized (erasure or retention): final, nothing personal is left. */
public record PersonAnonymized(UUID personId) {}
