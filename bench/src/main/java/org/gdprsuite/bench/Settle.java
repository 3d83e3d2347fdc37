package org.gdprsuite.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Waits until the machine is quiet before a step: on two cores, what one step leaves running (consumers
 * catching up, the relay, a GC, JIT compilation) would otherwise be measured as the next step's latency.
 * Quiet = the machine's CPU (from {@code /proc/stat}, all processes) below a threshold for a few seconds.
 */
final class Settle {

    static final double QUIET_BUSY = 0.20;
    static final int QUIET_SECONDS = 3;

    private Settle() {}

    /** Returns what it waited, e.g. "12 s (busy 14 %)", or that it gave up after {@code max}. */
    static String await(Duration max) {
        long start = System.nanoTime();
        int quietFor = 0;
        double busy = 1;
        long[] before = cpuTicks();
        while (quietFor < QUIET_SECONDS) {
            if (System.nanoTime() - start > max.toNanos()) {
                return String.format(Locale.ROOT, "not quiet after %d s (busy %.0f %%)", max.toSeconds(), busy * 100);
            }
            Requests.sleep(1000);
            long[] after = cpuTicks();
            busy = busyShare(before, after);
            before = after;
            quietFor = busy < QUIET_BUSY ? quietFor + 1 : 0;
        }
        return String.format(
                Locale.ROOT,
                "%d s (busy %.0f %%)",
                Duration.ofNanos(System.nanoTime() - start).toSeconds(),
                busy * 100);
    }

    /** The share of CPU time not idle between two samples of the aggregate {@code cpu} line. */
    static double busyShare(long[] before, long[] after) {
        long total = 0;
        long idle = 0;
        for (int i = 0; i < after.length; i++) {
            long delta = after[i] - before[i];
            total += delta;
            if (i == 3 || i == 4) { // idle, iowait
                idle += delta;
            }
        }
        return total == 0 ? 0 : (double) (total - idle) / total;
    }

    /** user nice system idle iowait irq softirq steal of the first line of /proc/stat. */
    static long[] parseCpuLine(String procStat) {
        String[] fields = procStat.lines().findFirst().orElseThrow().trim().split("\\s+");
        long[] ticks = new long[Math.min(8, fields.length - 1)];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = Long.parseLong(fields[i + 1]);
        }
        return ticks;
    }

    private static long[] cpuTicks() {
        try {
            return parseCpuLine(Files.readString(Path.of("/proc/stat")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
