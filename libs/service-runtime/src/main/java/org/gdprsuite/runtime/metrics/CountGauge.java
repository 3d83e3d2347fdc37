package org.gdprsuite.runtime.metrics;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A gauge of a count that a job refreshes on its schedule (rows in some state): a scrape reads the last count
 * instead of querying the database each time. It shows 0 until the first refresh.
 */
public final class CountGauge {

    private final AtomicLong count = new AtomicLong();

    private CountGauge() {}

    /** Registers the gauge {@code name}; register it once, at start-up. */
    public static CountGauge register(MeterRegistry registry, String name, String description) {
        CountGauge gauge = new CountGauge();
        Gauge.builder(name, gauge.count, AtomicLong::get)
                .description(description)
                .register(registry);
        return gauge;
    }

    public void set(long count) {
        this.count.set(count);
    }
}
