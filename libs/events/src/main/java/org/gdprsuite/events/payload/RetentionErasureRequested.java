package org.gdprsuite.events.payload;

import java.util.UUID;

/**
 * A retention sweep of contact-service matched a person: erasure-service turns it into an approved
 * erasure request, so every participant erases its slice through the same path as a data subject's.
 */
public record RetentionErasureRequested(UUID personId, String policy, UUID sweepId) {
}
