package org.gdprsuite.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Open-loop load at a constant rate (wrk2 style). Request {@code i} is due at {@code start + i / rate}
 * and is sent then whether or not earlier ones have been answered; its latency is measured from that
 * due time, not from when it actually left. A server that stalls therefore shows the full wait of
 * every request queued behind the stall instead of hiding it (coordinated omission).
 */
public final class ConstantRateLoad {

    /** Latencies are recorded in microseconds, up to a minute, with 3 significant digits. */
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

    public record Result(int rate, long recorded, long errors, Histogram micros) {
        public double millisAt(double percentile) {
            return micros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(MAX_MICROS, 3);
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();

    /** When request {@code i} is due, in nanoseconds after the start. */
    static long dueOffsetNanos(long i, int ratePerSecond) {
        return i * 1_000_000_000L / ratePerSecond;
    }

    /** Records one answer measured from its due time; failures count as errors and are not timed. */
    void record(long dueNanos, long answeredNanos, boolean ok) {
        if (!ok) {
            errors.incrementAndGet();
            return;
        }
        histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, (answeredNanos - dueNanos) / 1000)));
        recorded.incrementAndGet();
    }

    Result result(int rate) {
        return new Result(rate, recorded.get(), errors.get(), histogram.copy());
    }

    /**
     * Sends at {@code rate} requests per second for {@code warmup + measure}; only requests due after the
     * warm-up are recorded. {@code send} starts one request and completes with whether it succeeded; it
     * must not block.
     */
    public static Result run(Supplier<CompletableFuture<Boolean>> send, int rate, Duration warmup, Duration measure) {
        ConstantRateLoad load = new ConstantRateLoad();
        long warmupCount = warmup.toNanos() * rate / 1_000_000_000L;
        long total = warmupCount + measure.toNanos() * rate / 1_000_000_000L;
        CompletableFuture<?>[] measured = new CompletableFuture<?>[(int) (total - warmupCount)];
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + dueOffsetNanos(i, rate);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            CompletableFuture<Boolean> answer;
            try {
                answer = send.get();
            } catch (RuntimeException e) {
                answer = CompletableFuture.completedFuture(false);
            }
            if (i >= warmupCount) {
                measured[(int) (i - warmupCount)] = answer.handle((ok, failure) -> {
                    load.record(due, System.nanoTime(), failure == null && Boolean.TRUE.equals(ok));
                    return null;
                });
            }
        }
        // Answers still missing after 30 s are errors (a stuck server must not hang the benchmark).
        try {
            CompletableFuture.allOf(measured).get(30, TimeUnit.SECONDS);
        } catch (Exception timedOut) {
            for (CompletableFuture<?> f : measured) {
                if (!f.isDone()) {
                    load.errors.incrementAndGet();
                }
            }
        }
        return load.result(rate);
    }
}
