package org.gdprsuite.runtime.metrics;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class CountGaugeTest {

    @Test
    void showsZeroUntilRefreshedThenTheLastCount() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CountGauge overdue = CountGauge.register(registry, "test.overdue", "Things past their date");

        assertEquals(0.0, registry.get("test.overdue").gauge().value());
        overdue.set(7);
        overdue.set(3);
        assertEquals(3.0, registry.get("test.overdue").gauge().value());
        assertEquals(
                "Things past their date",
                registry.get("test.overdue").gauge().getId().getDescription());
    }
}
