package org.gdprsuite.subscription;

import org.gdprsuite.testsupport.MovableClock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The application's clock in tests: movable, so that link expiry is tested without waiting. */
public class TestClock {

    @Produces
    @Singleton
    MovableClock clock() {
        return new MovableClock();
    }
}
