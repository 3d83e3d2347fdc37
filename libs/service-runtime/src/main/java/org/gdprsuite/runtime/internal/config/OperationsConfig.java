package org.gdprsuite.runtime.internal.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The operations report of a service ({@code GET /api/operations/<service>}). */
@ConfigMapping(prefix = "gdpr.operations")
public interface OperationsConfig {

    /**
     * Longest wait for Kafka's offsets of the dead-letter topics; beyond, the report answers with the outbox and
     * the dead letters unknown, well before the gateway's timeout.
     */
    @WithDefault("PT3S")
    Duration kafkaTimeout();
}
