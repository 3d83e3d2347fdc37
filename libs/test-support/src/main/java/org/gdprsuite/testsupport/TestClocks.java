package org.gdprsuite.testsupport;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes one {@link MovableClock} the application's clock in every {@code @QuarkusTest} of a module that has
 * test-support on its test classpath: the application injects it as its {@link java.time.Clock}, a test with
 * {@code @Inject MovableClock clock} and moves time. An alternative with a priority, so it wins over the
 * library's default system clock and over a module's own producer of the same clock.
 */
public class TestClocks {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    MovableClock movableClock() {
        return new MovableClock();
    }
}
