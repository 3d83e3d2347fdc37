package org.gdprsuite.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./suite bench}: measures the running suite against the product card's targets, each figure
 * beside a baseline measured in the same run, and prints one table (also written as JSON and Markdown).
 *
 * <p>Options ({@code --name=value}): {@code only} (comma list of decision, dsr, export, retention, mailing, ingest,
 * memory), {@code rates}, {@code seconds} (measured seconds per rate), {@code decision-persons} (10,000),
 * {@code connections} (the load's pool, 16), {@code wrk} (path of wrk, the cross-check), {@code events} (ingestion),
 * {@code persons} (retention), {@code dsr} (requests in flight), {@code activities} (export),
 * {@code mailing-persons} and {@code mailing-cap} (the mailing job),
 * {@code cores} (the scaling test: the suite and the bench pinned to that many cores), {@code results} (folder),
 * {@code root} (the checkout, for pid files and logs).
 */
public final class Bench {

    /** How long a step waits at most for the machine to become quiet. */
    static final Duration SETTLE_MAX = Duration.ofMinutes(2);

    private Bench() {}

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        Set<String> only = Set.copyOf(
                Arrays.asList(options.getOrDefault("only", "decision,dsr,export,retention,mailing,ingest,memory")
                        .split(",")));
        Path root = Path.of(options.getOrDefault("root", "."));
        Http http = new Http(options.getOrDefault("gateway", "http://127.0.0.1:8080"));
        SuiteCpu cpu = new SuiteCpu(root);
        Report report = new Report();
        long started = System.nanoTime();
        report.context("machine", Runtime.getRuntime().availableProcessors() + " cores, whole suite and stack running");
        report.context("started", LocalDateTime.now().withNano(0).toString());

        String runId = Long.toString(System.currentTimeMillis(), 36);
        int cores = Integer.parseInt(options.getOrDefault("cores", "0"));
        try (CorePinning pinned = CorePinning.pin(cpu, cores)) {
            if (pinned != null) {
                report.context("scaling test", "the suite and the benchmark pinned to " + cores + " core(s)");
            }
            steps(options, only, root, http, cpu, report, runId);
        }

        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        report.context("bench duration", seconds / 60 + " min " + seconds % 60 + " s (measuring, without ./suite up)");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        report.write(
                Path.of(options.getOrDefault(
                        "results", root.resolve("bench/results").toString())),
                stamp);
        System.out.println();
        System.out.print(report.text());
    }

    private static void steps(
            Map<String, String> options,
            Set<String> only,
            Path root,
            Http http,
            SuiteCpu cpu,
            Report report,
            String runId) {
        if (only.contains("export")) {
            int activities = Integer.parseInt(options.getOrDefault("activities", "10000"));
            step(report, "access export of a person with " + activities + " activities");
            new ExportBench(http, cpu, activities).run(report);
        }
        if (only.contains("retention")) {
            int persons = Integer.parseInt(options.getOrDefault("persons", "100000"));
            int cap = Integer.parseInt(options.getOrDefault("retention-cap", "600"));
            step(report, "retention sweep of " + persons + " persons (at most " + cap + " s)");
            new RetentionBench(http, cpu, persons, Duration.ofSeconds(cap)).run(report, runId);
        }
        if (only.contains("dsr")) {
            // After retention: the suite in operation has erased before. Right after a start a DSR burst also pays
            // for compiling the erasure code in every JVM (half its CPU, the note's JIT figure); --only=dsr shows that.
            int inFlight = Integer.parseInt(options.getOrDefault("dsr", "100"));
            step(report, "DSR erasure: one alone, then " + inFlight + " in flight");
            new DsrBench(http, cpu, inFlight).run(report);
        }
        if (only.contains("mailing")) {
            int persons = Integer.parseInt(options.getOrDefault("mailing-persons", "2000"));
            int cap = Integer.parseInt(options.getOrDefault("mailing-cap", "300"));
            say("mailing job to " + persons + " persons: loading its audience through the gateway");
            new MailingBench(http, cpu, persons, Duration.ofSeconds(cap)).run(report, runId);
        }
        if (only.contains("decision")) {
            // Before ingestion, which leaves the services busy with the consent.events it causes for minutes.
            List<Integer> rates = Arrays.stream(
                            options.getOrDefault("rates", "250,500,1000").split(","))
                    .map(Integer::parseInt)
                    .toList();
            int seconds = Integer.parseInt(options.getOrDefault("seconds", "15"));
            step(report, "consent decisions at " + rates + "/s, " + seconds + " s each after a 5 s warm-up");
            new DecisionBench(
                            http,
                            cpu,
                            new DecisionBench.Settings(
                                    rates,
                                    Duration.ofSeconds(5),
                                    Duration.ofSeconds(seconds),
                                    Integer.parseInt(options.getOrDefault("decision-persons", "10000")),
                                    Integer.parseInt(options.getOrDefault("connections", "16")),
                                    options.get("wrk")))
                    .run(report, runId);
        }
        if (only.contains("ingest")) {
            // Last: the consent.events it causes keep contact- and subscription-service busy for a while.
            int events = Integer.parseInt(options.getOrDefault("events", "1000000"));
            int cap = Integer.parseInt(options.getOrDefault("ingest-cap", "300"));
            step(report, "consent-event ingestion of " + events + " events (each side at most " + cap + " s)");
            new IngestionBench(http, cpu, events, 10_000, Duration.ofSeconds(cap)).run(report, runId);
        }
        if (only.contains("memory")) {
            step(report, "memory and start-up of each service");
            ServiceStats.run(root, report);
        }
    }

    /** Announces a step once the machine is quiet (what the step before left running is not this step's figure). */
    static void step(Report report, String what) {
        String waited = Settle.await(SETTLE_MAX);
        say(what + " (machine quiet after " + waited + ")");
        report.context("quiet before: " + what, waited);
    }

    static void say(String what) {
        System.out.println("bench: " + what);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
