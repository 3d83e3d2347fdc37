package org.gdprsuite.runtime.internal.time;

import java.time.Clock;

import org.gdprsuite.testsupport.MovableClock;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import static org.junit.jupiter.api.Assertions.assertSame;

/** In a Quarkus test the application's clock is test-support's movable one, not the default system clock. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class TestClockTest {

    @Inject
    Clock clock;

    @Inject
    MovableClock movable;

    @Test
    void theApplicationClockIsTheMovableOne() {
        assertSame(movable, clock);
    }
}
