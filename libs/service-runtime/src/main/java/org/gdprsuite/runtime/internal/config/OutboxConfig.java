package org.gdprsuite.runtime.internal.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox relay: how it reads committed events and sends them to Kafka. */
@ConfigMapping(prefix = "gdpr.outbox")
public interface OutboxConfig {

    /** Events read and sent per round. */
    @WithDefault("500")
    int batchSize();

    /** Pause between two looks at the outbox table when no commit woke the relay. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * The largest event sent (compressed). An access export slice can be megabytes; above Kafka's 1 MB default
     * such a row would block its service's outbox for good. The broker and topics allow the same size
     * (stack/kafka/server.properties).
     */
    @WithDefault("16777216")
    int maxEventBytes();
}
