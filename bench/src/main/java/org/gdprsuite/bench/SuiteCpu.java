package org.gdprsuite.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * CPU time of every process of the suite — the services, Kafka, Keycloak, the mail server (each a pid file of
 * {@code ./suite} in {@code .stack/run}, with its children) and PostgreSQL (its postmaster and backends, by
 * name) — from {@code /proc/<pid>/stat}. Per process user + system time plus that of its children already
 * ended ({@code cutime + cstime}: a PostgreSQL backend that closed moved its time to the postmaster), so the
 * sum over a component is what it spent, whichever of its processes spent it. The figure that survives a
 * noisy machine: CPU per unit of work does not change with how busy the host is.
 *
 * <p>Part of it is the JVMs compiling code (the JIT's compiler threads, from {@code /proc/<pid>/task}): a cost of
 * code's first uses after a start, not of the work itself, so it is shown apart.
 */
final class SuiteCpu {

    /** CPU milliseconds per component at one moment, and of each one's JIT compiler threads. */
    record Sample(Map<String, Double> millis, Map<String, Double> compiling) {

        /** What each component spent from {@code before} to this sample (components present in both). */
        Usage since(Sample before) {
            return new Usage(spent(millis, before.millis), spent(compiling, before.compiling));
        }

        private static Map<String, Double> spent(Map<String, Double> now, Map<String, Double> before) {
            Map<String, Double> used = new LinkedHashMap<>();
            now.forEach((component, ms) -> {
                Double was = before.get(component);
                if (was != null) {
                    used.put(component, Math.max(0, ms - was));
                }
            });
            return used;
        }
    }

    /** CPU milliseconds spent per component over a step, and by each one's JIT compiler threads. */
    record Usage(Map<String, Double> millis, Map<String, Double> compilingMillis) {

        double total() {
            return millis.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Of {@link #total}, the JVMs compiling code. */
        double compiling() {
            return compilingMillis.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
        }

        /** These components' part alone. */
        Usage of(Collection<String> components) {
            return new Usage(only(millis, components), only(compilingMillis, components));
        }

        /** With what a process outside the suite spent (a baseline's own client). */
        Usage with(String component, double spentMillis) {
            Map<String, Double> more = new LinkedHashMap<>(millis);
            more.put(component, spentMillis);
            return new Usage(more, compilingMillis);
        }

        private static Map<String, Double> only(Map<String, Double> millis, Collection<String> components) {
            Map<String, Double> some = new LinkedHashMap<>(millis);
            some.keySet().retainAll(components);
            return some;
        }

        /** CPU milliseconds per unit of work, e.g. per decision. */
        double per(double units) {
            return units <= 0 ? Double.NaN : total() / units;
        }

        /** Where it went, biggest first: "consent-service 0.61, postgres 0.40, gateway 0.35 ms". */
        String breakdown(double units) {
            return millis.entrySet().stream()
                            .filter(e -> e.getValue() > 0)
                            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                            .map(e -> e.getKey() + " " + Report.number(e.getValue() / units))
                            .collect(Collectors.joining(", "))
                    + " ms";
        }

        /** A row of the table: the whole suite's CPU per unit beside the step. */
        Figure figure(String name, double units, String unit) {
            return figure(name, units, unit, "whole suite");
        }

        /** A row of the table: CPU per unit of {@code whose} (what the usage counts) beside the step. */
        Figure figure(String name, double units, String unit, String whose) {
            return Figure.info(
                    "CPU per " + unit + ": " + name,
                    per(units),
                    "ms",
                    whose + ", " + Report.number(total() / 1000) + " s over " + Report.number(units) + " " + unit
                            + "s, " + Report.number(compiling() / units) + " ms of them the JVMs compiling code (JIT): "
                            + breakdown(units));
        }
    }

    private static final String POSTGRES = "postgres";

    private final Path run;
    private final double millisPerTick;

    SuiteCpu(Path root) {
        this.run = root.resolve(".stack/run");
        this.millisPerTick = 1000.0 / clockTicks();
    }

    Sample sample() {
        Map<Long, ProcStat> table = processes();
        Map<Long, String> roots = roots();
        Map<String, Double> millis = new LinkedHashMap<>();
        Map<String, Double> compiling = new LinkedHashMap<>();
        for (Map.Entry<Long, ProcStat> process : table.entrySet()) {
            Optional<String> component = component(process.getKey(), table, roots);
            if (component.isPresent()) {
                millis.merge(component.get(), process.getValue().ticks() * millisPerTick, Double::sum);
                // Only a JVM has compiler threads: PostgreSQL's backends are not listed thread by thread.
                long jit = "java".equals(process.getValue().comm()) ? compilingTicks(process.getKey()) : 0;
                compiling.merge(component.get(), jit * millisPerTick, Double::sum);
            }
        }
        return new Sample(millis, compiling);
    }

    /** A HotSpot JIT compiler thread ("C2 CompilerThread0", a thread name cut to 15 characters). */
    static boolean compiles(String threadName) {
        return threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre");
    }

    /** CPU ticks of a JVM's compiler threads. */
    private static long compilingTicks(long pid) {
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path thread : threads) {
                try {
                    ProcStat stat = ProcStat.parse(Files.readString(thread.resolve("stat")));
                    ticks += compiles(stat.comm()) ? stat.own() : 0;
                } catch (IOException | RuntimeException gone) {
                    // ended between the listing and the read
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
        return ticks;
    }

    /** Every process of the suite now (what {@link #sample} counts). */
    List<Long> pids() {
        Map<Long, ProcStat> table = processes();
        Map<Long, String> roots = roots();
        return table.keySet().stream()
                .filter(pid -> component(pid, table, roots).isPresent())
                .sorted()
                .toList();
    }

    /** The pid files of {@code ./suite}: pid → component. */
    private Map<Long, String> roots() {
        Map<Long, String> roots = new HashMap<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(run, "*.pid")) {
            for (Path pid : pids) {
                String name = pid.getFileName().toString().replace(".pid", "");
                roots.put(Long.parseLong(Files.readString(pid).strip()), name);
            }
        } catch (IOException | NumberFormatException e) {
            // no pid files: PostgreSQL alone is still found by name
        }
        return roots;
    }

    /** The component a process belongs to: the nearest ancestor with a pid file, else PostgreSQL by name. */
    static Optional<String> component(long pid, Map<Long, ProcStat> table, Map<Long, String> roots) {
        ProcStat self = table.get(pid);
        for (long p = pid; p > 1 && table.containsKey(p); p = table.get(p).ppid()) {
            if (roots.containsKey(p)) {
                return Optional.of(roots.get(p));
            }
        }
        return self != null && self.comm().equals(POSTGRES) ? Optional.of(POSTGRES) : Optional.empty();
    }

    /**
     * One line of {@code /proc/<pid>/stat} (or of a thread's, {@code /proc/<pid>/task/<tid>/stat}): name, parent and
     * CPU ticks, its own and those of its ended children.
     */
    record ProcStat(String comm, long ppid, long own, long ended) {

        long ticks() {
            return own + ended;
        }

        static ProcStat parse(String line) {
            // The name is in parentheses and may itself hold spaces and parentheses: split after the last ')'.
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            String[] f = line.substring(close + 2).trim().split("\\s+");
            // f[0] is field 3 (state): ppid is field 4, utime/stime/cutime/cstime fields 14-17.
            return new ProcStat(
                    line.substring(open + 1, close),
                    Long.parseLong(f[1]),
                    Long.parseLong(f[11]) + Long.parseLong(f[12]),
                    Long.parseLong(f[13]) + Long.parseLong(f[14]));
        }
    }

    private static Map<Long, ProcStat> processes() {
        Map<Long, ProcStat> table = new HashMap<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(
                Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path dir : proc) {
                try {
                    table.put(
                            Long.parseLong(dir.getFileName().toString()),
                            ProcStat.parse(Files.readString(dir.resolve("stat"))));
                } catch (IOException | RuntimeException gone) {
                    // ended between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read /proc", e);
        }
        return table;
    }

    /** USER_HZ, the unit of /proc's CPU times (100 on Linux unless the kernel says otherwise). */
    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
