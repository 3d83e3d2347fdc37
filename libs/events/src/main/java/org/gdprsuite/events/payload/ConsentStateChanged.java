package org.gdprsuite.events.payload;

import java.time.Instant;
import java.util.UUID;

/** The current state of a person × purpose changed: may they be processed for it, on which basis, since/until when. */
public record ConsentStateChanged(
        UUID personId,
        String purpose,
        boolean allowed,
        String legalBasis,
        String status,
        Instant since,
        Instant until) {}
