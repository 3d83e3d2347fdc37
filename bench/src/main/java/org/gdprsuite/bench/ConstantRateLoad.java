package org.gdprsuite.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Open-loop load at a constant rate (wrk2 style). Request {@code i} is due at {@code start + i / rate}
 * and is sent then whether or not earlier ones have been answered; its latency is measured from that
 * due time, not from when it actually left. A server that stalls therefore shows the full wait of
 * every request queued behind the stall instead of hiding it (coordinated omission).
 *
 * <p>Every call sent is in the histogram: one that failed (an error status, a refused connection) at the
 * time it failed, one that got no answer within the time-out at the time-out. The error count beside it
 * says how many of them were not answered as expected.
 */
public final class ConstantRateLoad {

    /** Latencies are recorded in microseconds, up to a minute, with 3 significant digits. */
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

    /** The calls due after the warm-up: how many were sent, how many failed, all their latencies. */
    public record Result(int rate, long sent, long errors, Histogram micros, Map<String, Long> failures) {
        public double millisAt(double percentile) {
            return sent == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
        }

        public long answered() {
            return sent - errors;
        }

        /** The card's rule: a latency target counts only with at most 0.1 % of the calls failed. */
        public boolean fewErrors() {
            return Errors.acceptable(errors, sent);
        }

        /** "3 errors of 15,000 (0.02 %): 2 time-out, 1 not 200". */
        public String errorNote() {
            return Errors.note(errors, sent)
                    + (failures.isEmpty()
                            ? ""
                            : failures.entrySet().stream()
                                    .map(e -> e.getValue() + " " + e.getKey())
                                    .collect(Collectors.joining(", ", ": ", "")));
        }
    }

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(MAX_MICROS, 3);
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final Map<String, LongAdder> failures = new ConcurrentSkipListMap<>();

    /** When request {@code i} is due, in nanoseconds after the start. */
    static long dueOffsetNanos(long i, int ratePerSecond) {
        return i * 1_000_000_000L / ratePerSecond;
    }

    /** Records one call measured from its due time to when it was answered or failed. */
    void record(long dueNanos, long doneNanos, boolean ok) {
        record(dueNanos, doneNanos, ok, null);
    }

    /** As {@link #record(long, long, boolean)}; a failed call is also counted by its kind (see {@link #kind}). */
    void record(long dueNanos, long doneNanos, boolean ok, Throwable failure) {
        if (!ok) {
            failures.computeIfAbsent(kind(failure), k -> new LongAdder()).increment();
        }
        histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, (doneNanos - dueNanos) / 1000)));
        sent.incrementAndGet();
        if (!ok) {
            errors.incrementAndGet();
        }
    }

    Result result(int rate) {
        Map<String, Long> kinds = new TreeMap<>();
        failures.forEach((kind, n) -> kinds.put(kind, n.sum()));
        return new Result(rate, sent.get(), errors.get(), histogram.copy(), kinds);
    }

    /** What a failure was: answered with another status than expected, timed out, or the exception's name. */
    static String kind(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause == null) {
            return "not 200";
        }
        return cause instanceof TimeoutException ? "time-out" : cause.getClass().getSimpleName();
    }

    /** As {@link #run(Supplier, int, Duration, Duration, Duration, Runnable)} with a 30 s time-out. */
    public static Result run(Supplier<CompletableFuture<Boolean>> send, int rate, Duration warmup, Duration measure) {
        return run(send, rate, warmup, measure, Duration.ofSeconds(30), () -> {});
    }

    /**
     * Sends at {@code rate} requests per second for {@code warmup + measure}; only requests due after the
     * warm-up are recorded, and {@code atMeasureStart} runs when the first of them is due. {@code send}
     * starts one request and completes with whether it succeeded; it must not block. A call not answered
     * within {@code timeout} of being sent counts as failed then.
     */
    public static Result run(
            Supplier<CompletableFuture<Boolean>> send,
            int rate,
            Duration warmup,
            Duration measure,
            Duration timeout,
            Runnable atMeasureStart) {
        ConstantRateLoad load = new ConstantRateLoad();
        long warmupCount = warmup.toNanos() * rate / 1_000_000_000L;
        long total = warmupCount + measure.toNanos() * rate / 1_000_000_000L;
        CompletableFuture<?>[] measured = new CompletableFuture<?>[(int) (total - warmupCount)];
        CompletableFuture<Void> measureStarted = CompletableFuture.completedFuture(null);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + dueOffsetNanos(i, rate);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (i == warmupCount) {
                // Beside the schedule, not in it: a slow hook would delay the sends it is meant to frame.
                measureStarted = CompletableFuture.runAsync(atMeasureStart);
            }
            CompletableFuture<Boolean> answer;
            try {
                answer = send.get().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            if (i >= warmupCount) {
                measured[(int) (i - warmupCount)] = answer.handle((ok, failure) -> {
                    load.record(due, System.nanoTime(), failure == null && Boolean.TRUE.equals(ok), failure);
                    return null;
                });
            }
        }
        // Each call ends by its time-out at the latest; the margin is for the timer thread only.
        try {
            CompletableFuture.allOf(measured).get(timeout.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (Exception stuck) {
            for (CompletableFuture<?> f : measured) {
                if (f != null && !f.isDone()) {
                    load.record(0, timeout.toNanos(), false, new TimeoutException());
                }
            }
        }
        measureStarted.join();
        return load.result(rate);
    }
}
