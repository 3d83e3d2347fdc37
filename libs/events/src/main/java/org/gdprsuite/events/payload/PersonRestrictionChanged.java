package org.gdprsuite.events.payload;

import java.util.UUID;

/** Processing of a person was restricted (Art. 18) or the restriction lifted; every service honours it. */
public record PersonRestrictionChanged(UUID personId, boolean restricted) {}
