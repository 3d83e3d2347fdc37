package org.gdprsuite.runtime.internal.time;

import java.time.Clock;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The clock of every deadline (DSR due dates, the 72-hour breach clock, link expiry, retention). Code
 * injects {@link Clock} instead of calling {@code Instant.now()}, so a test can put in a fixed or movable
 * clock: any other {@code Clock} bean (e.g. a test-scoped {@code @Produces Clock}) replaces this default.
 */
public class Clocks {

    @Produces
    @DefaultBean
    @Singleton
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
