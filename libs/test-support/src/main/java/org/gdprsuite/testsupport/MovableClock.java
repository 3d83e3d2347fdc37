package org.gdprsuite.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, shifted by what a test asks: deadlines (72 hours, one month, link expiry, consent
 * validity) are tested by moving time instead of waiting. In a service's {@code @QuarkusTest} it is the
 * application's clock already ({@link TestClocks}): inject it with {@code @Inject MovableClock clock}, move it,
 * and {@link #reset()} it after the test.
 */
public class MovableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the suite's clocks are UTC");
    }
}
