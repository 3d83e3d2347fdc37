package org.gdprsuite.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The scaling test's lever ({@code --cores=N}): every process of the suite and the benchmark itself pinned to the
 * first N cores with {@code taskset} (every thread; threads and PostgreSQL backends started later inherit it), and
 * given all cores back when closed. The same step measured with one core and with two shows how a figure scales with
 * cores, so a target missed on this machine can be read against a measured slope, not an argument.
 */
final class CorePinning implements AutoCloseable {

    private final SuiteCpu suite;
    private final int all;

    private CorePinning(SuiteCpu suite, int all) {
        this.suite = suite;
        this.all = all;
    }

    /** Pins the suite and this process to cores 0..cores-1; null (nothing to undo) when cores is every core. */
    static CorePinning pin(SuiteCpu suite, int cores) {
        int all = Runtime.getRuntime().availableProcessors();
        if (cores <= 0 || cores >= all) {
            return null;
        }
        pinAll(suite, "0-" + (cores - 1));
        return new CorePinning(suite, all);
    }

    @Override
    public void close() {
        pinAll(suite, "0-" + (all - 1)); // counted before pinning: the JVM now sees only the pinned cores
    }

    private static void pinAll(SuiteCpu suite, String cpus) {
        List<Long> pids = new ArrayList<>(suite.pids());
        pids.add(ProcessHandle.current().pid());
        for (long pid : pids) {
            taskset(cpus, pid);
        }
        Bench.say("pinned " + pids.size() + " processes (the suite and the benchmark) to cores " + cpus);
    }

    private static void taskset(String cpus, long pid) {
        try {
            Process p = new ProcessBuilder("taskset", "-a", "-c", "-p", cpus, Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            // A process that ended meanwhile is no longer the suite's: nothing to pin. One still running that was not
            // pinned would make the scaling test measure more cores than it says.
            if (p.waitFor() != 0 && ProcessHandle.of(pid).isPresent()) {
                throw new IllegalStateException("taskset could not pin process " + pid + " to cores " + cpus);
            }
        } catch (IOException e) {
            throw new IllegalStateException("taskset (util-linux) is needed for --cores", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
