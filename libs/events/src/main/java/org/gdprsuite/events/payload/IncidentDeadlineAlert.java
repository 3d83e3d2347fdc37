package org.gdprsuite.events.payload;

import java.time.Instant;
import java.util.UUID;

/** The authority notification of a breach is due soon or overdue (Art. 33(1): 72 hours from awareness). */
public record IncidentDeadlineAlert(UUID incidentId, String reference, Alert alert, Instant notifyBy) {

    public enum Alert {
        DUE_SOON,
        OVERDUE
    }
}
