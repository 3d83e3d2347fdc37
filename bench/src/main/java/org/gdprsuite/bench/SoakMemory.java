package org.gdprsuite.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether the services' memory stayed flat under the soak: RSS and old generation sampled periodically, and
 * the heap still live after a forced full collection, once after the warm-up and once at the end.
 */
final class SoakMemory {

    /** Memory before this is start-up and JIT warm-up, not a trend. */
    static final Duration WARMUP = Duration.ofMinutes(2);

    private final Path root;
    private final Map<String, List<MemorySample>> memory = new ConcurrentHashMap<>();
    /** Per service, the heap still live after a full collection: after the warm-up, and at the end. */
    private final List<Map<String, Double>> liveAfterFullGc = Collections.synchronizedList(new ArrayList<>());

    record MemorySample(double minutes, double rssMiB, double liveHeapMiB) {}

    SoakMemory(Path root) {
        this.root = root;
    }

    /** Records the heap live after a full collection now: call after the warm-up and at the end of the load. */
    void recordLiveAfterFullGc() {
        liveAfterFullGc.add(liveHeapAfterFullGc());
    }

    /**
     * A leak shows as heap still live after a full collection growing from the end of the warm-up to the end
     * of the load. (Old-generation occupancy between collections also holds garbage that G1 has not reached
     * yet, so the periodic samples are only shown beside it, with RSS.)
     */
    void check(Report report) {
        if (liveAfterFullGc.size() < 2) {
            return;
        }
        Map<String, Double> first = liveAfterFullGc.get(0);
        Map<String, Double> last = liveAfterFullGc.get(liveAfterFullGc.size() - 1);
        memory.forEach((service, samples) -> {
            Double before = first.get(service);
            Double after = last.get(service);
            if (before == null || after == null) {
                return;
            }
            List<MemorySample> settled = samples.stream()
                    .filter(s -> s.minutes() >= WARMUP.toMinutes())
                    .toList();
            String rss = settled.isEmpty()
                    ? ""
                    : ", RSS " + Report.number(settled.get(0).rssMiB()) + " → "
                            + Report.number(settled.get(settled.size() - 1).rssMiB()) + " MiB (max "
                            + Report.number(settled.stream()
                                    .mapToDouble(MemorySample::rssMiB)
                                    .max()
                                    .orElse(0))
                            + "), old generation after the last GC at most "
                            + Report.number(settled.stream()
                                    .mapToDouble(MemorySample::liveHeapMiB)
                                    .max()
                                    .orElse(0)) + " MiB";
            report.add(new Figure(
                    "live heap growth: " + service,
                    after - before,
                    "MiB",
                    "flat",
                    isFlat(before, after),
                    null,
                    null,
                    "live after a full GC at minute " + WARMUP.toMinutes() + " and at the end: " + Report.number(before)
                            + " → " + Report.number(after) + " MiB" + rss));
        });
    }

    /** Forces a full collection in each service (jcmd GC.run) and reads what stayed live. */
    private Map<String, Double> liveHeapAfterFullGc() {
        Map<String, Double> live = new LinkedHashMap<>();
        ServiceStats.SERVICES.forEach(service -> {
            int port = ServiceStats.MANAGEMENT_PORTS.get(service);
            try {
                String pid = Files.readString(root.resolve(".stack/run/" + service + ".pid"))
                        .strip();
                Process gc = new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                        .toString(),
                                pid,
                                "GC.run")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (gc.waitFor(60, TimeUnit.SECONDS) && gc.exitValue() == 0) {
                    live.put(service, liveHeapMiB(port));
                }
            } catch (Exception e) {
                // no figure for this service
            }
        });
        return live;
    }

    /** Flat: the heap live after a full GC grew by at most 16 MiB or 10 %, whichever is more (caches filling). */
    static boolean isFlat(double firstMiB, double lastMiB) {
        return lastMiB - firstMiB <= Math.max(16, firstMiB * 0.10);
    }

    /** One sample of every service, {@code start} being when the load began (System.nanoTime). */
    void sample(long start) {
        double minutes = (System.nanoTime() - start) / 60e9;
        ServiceStats.SERVICES.forEach(service -> {
            int port = ServiceStats.MANAGEMENT_PORTS.get(service);
            double rss = ServiceStats.rssMiB(root, service).orElse(Double.NaN);
            double live = liveHeapMiB(port);
            memory.computeIfAbsent(service, s -> Collections.synchronizedList(new ArrayList<>()))
                    .add(new MemorySample(minutes, rss, live));
        });
    }

    /** Micrometer's {@code jvm_gc_live_data_size_bytes}: the old generation's size after the last collection. */
    private static double liveHeapMiB(int port) {
        try {
            HttpResponse<String> metrics = Http.CLIENT.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return metric(metrics.body(), "jvm_gc_live_data_size_bytes") / (1024 * 1024);
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    static double metric(String prometheusText, String name) {
        return prometheusText
                .lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
