package org.gdprsuite.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

/**
 * The one seeded random source of a data set, with the day it is generated for. Every generator draws from
 * the same instance, in a fixed order: that order is what makes two runs of a day produce the same data.
 */
final class Dice {

    final Instant now;
    private final Random random;

    Dice(long seed, Instant now) {
        this.random = new Random(seed);
        this.now = now;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean nextBoolean() {
        return random.nextBoolean();
    }

    /** True in {@code percent} of the cases (one draw of 0..99). */
    boolean percent(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    Instant daysAgo(int days) {
        return now.minus(days, ChronoUnit.DAYS);
    }

    /** A minute between two instants, never in the future. */
    Instant between(Instant from, Instant to) {
        long minutes = Math.max(1, ChronoUnit.MINUTES.between(from, to));
        return from.plus(1 + (long) (random.nextDouble() * (minutes - 1)), ChronoUnit.MINUTES);
    }

    /** A code of a given shape: # a digit, L a capital letter, anything else as it is. */
    String shape(String pattern) {
        StringBuilder code = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            code.append(
                    c == '#' ? (char) ('0' + random.nextInt(10)) : c == 'L' ? (char) ('A' + random.nextInt(26)) : c);
        }
        return code.toString();
    }

    String digits(int count) {
        return shape("#".repeat(count));
    }
}
