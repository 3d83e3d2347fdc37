package org.gdprsuite.events.payload;

import java.time.Instant;
import java.util.UUID;

/** A breach was reported or changed state; {@code notifyBy} is awareness + 72 hours (Art. 33(1)). */
public record IncidentChanged(UUID incidentId, String status, String risk, Instant notifyBy) {}
