package org.gdprsuite.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, shifted by what a test asks: deadlines (72 hours, one month, link expiry, consent
 * validity) are tested by moving time instead of waiting. A service test makes it the application's
 * clock with a producer, e.g. {@code @Produces @Singleton MovableClock clock() { return new MovableClock(); }}
 * in a test class of the service; it replaces the default clock of libs/service-runtime.
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
