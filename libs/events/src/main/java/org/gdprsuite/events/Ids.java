package org.gdprsuite.events;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Ids of rows written at a high rate (events, ledger records): time-ordered UUIDs (RFC 9562 version 7), so
 * that every index holding them (outbox, processed events, the ledger) grows at its right edge instead of
 * touching a random page per insert. They reveal when they were made, which their rows say anyway.
 */
public final class Ids {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {}

    public static UUID timeOrdered() {
        return GENERATOR.generate();
    }
}
