package org.gdprsuite.runtime.internal.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The idempotent consumer (IdempotentConsumer): retries of a failing event and the memory of processed ones. */
@ConfigMapping(prefix = "gdpr.consumer")
public interface ConsumerConfig {

    /** Tries of an event before it is dead-lettered. */
    @WithDefault("4")
    int attempts();

    /** Pause after the first failed try, four times longer after each next one. */
    @WithDefault("100ms")
    Duration firstBackoff();

    /** How long the id of a processed event is kept: as long as a redelivery can happen. */
    @WithDefault("P30D")
    Duration processedRetention();
}
