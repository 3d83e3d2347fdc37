package org.gdprsuite.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.Tokens;

import static org.gdprsuite.bench.SoakChecks.DRAIN_CAP;
import static org.gdprsuite.bench.SoakChecks.count;

/**
 * {@code ./suite soak}: the benchmark's kinds of work at once, held for a while (15 minutes by default) —
 * consent decisions through the gateway at a constant rate, consent events on {@code consent.inbound}
 * (1 % re-sent, some out of order), person edits, and erasure requests approved by the DPO — then, once
 * the suite has caught up, counts what was lost or applied twice and whether memory stayed flat. The decisions
 * are counted after a warm-up of the same load (a minute; three with replicas), which warms the services up after
 * their start.
 *
 * <p>Options ({@code --name=value}): {@code minutes} (15, after the warm-up), {@code warmup} (seconds, 60; 180 with
 * two instances or more: twelve JVMs compiling their hot paths on two cores answered 25–40 decisions/s for their
 * first 2.5 minutes),
 * {@code decisions} (per second, 100),
 * {@code decision-persons} (the decisions' population, 10,000 persons × the bench's purposes),
 * {@code events} (per second, 200), {@code edits} (per second, 2), {@code erasure-every} (seconds, 10),
 * {@code sample-every} (seconds, 30), {@code replicas} (instances of every service, from {@code ./suite}),
 * {@code root}, {@code results}. Exits with 1 when something was lost
 * or duplicated, more than 0.1 % of the decisions went unanswered or their p99 missed the decision target, or
 * memory grew.
 */
public final class Soak {

    /** The decision load's connections: a fixed pool, as an integrator's. */
    static final int CONNECTIONS = 16;

    /** The no-op baseline's connections, beside the decisions' own. */
    static final int NOOP_CONNECTIONS = 4;

    private final Http http;
    private final Path root;
    private final Duration duration;
    private final Duration warmup;
    private final int decisionRate;
    private final int eventRate;
    private final int editRate;
    private final Duration erasureEvery;
    private final Duration sampleEvery;
    private final int decisionPersons;
    private final int replicas;
    private final String runId = "soak" + Long.toString(System.currentTimeMillis(), 36);

    private final AtomicReference<String> salesToken = new AtomicReference<>();

    private Soak(Map<String, String> options) {
        http = new Http(options.getOrDefault("gateway", "http://127.0.0.1:8080"));
        root = Path.of(options.getOrDefault("root", "."));
        duration = Duration.ofMinutes(Long.parseLong(options.getOrDefault("minutes", "15")));
        replicas = Integer.parseInt(options.getOrDefault("replicas", "1"));
        warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", replicas > 1 ? "180" : "60")));
        decisionRate = Integer.parseInt(options.getOrDefault("decisions", "100"));
        eventRate = Integer.parseInt(options.getOrDefault("events", "200"));
        editRate = Integer.parseInt(options.getOrDefault("edits", "2"));
        erasureEvery = Duration.ofSeconds(Long.parseLong(options.getOrDefault("erasure-every", "10")));
        sampleEvery = Duration.ofSeconds(Long.parseLong(options.getOrDefault("sample-every", "30")));
        decisionPersons = Integer.parseInt(options.getOrDefault("decision-persons", "10000"));
    }

    public static void main(String[] args) {
        Map<String, String> options = Bench.options(args);
        Soak soak = new Soak(options);
        Report report = soak.run();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        report.write(
                Path.of(options.getOrDefault(
                        "results", soak.root.resolve("bench/results").toString())),
                "soak-",
                stamp);
        System.out.println();
        System.out.print(report.text());
        boolean held = report.figures().stream().allMatch(f -> f.met() == null || f.met());
        System.out.println(
                held
                        ? "Soak held: nothing lost or duplicated, decisions answered in time, memory flat."
                        : "Soak FAILED: see the rows marked NO.");
        System.exit(held ? 0 : 1);
    }

    /**
     * Prepares, runs the kinds of work side by side until the duration is up, then checks. The checks wait for
     * the suite to catch up, so they run after the load, never beside it.
     */
    private Report run() {
        Report report = new Report();
        report.context("machine", Runtime.getRuntime().availableProcessors() + " cores, whole suite and stack running");
        report.context("started", LocalDateTime.now().withNano(0).toString());
        report.context(
                "load",
                decisionRate + " decisions/s (" + decisionPersons + " persons × " + IngestionBench.PURPOSES.size()
                        + " purposes), " + eventRate + " consent events/s, " + editRate
                        + " person edits/s, an erasure every " + erasureEvery.toSeconds() + " s, for "
                        + duration.toMinutes()
                        + " min after " + warmup.toSeconds() + " s of the same load as warm-up (decisions not counted)"
                        + (replicas > 1 ? ", " + replicas + " instances of every service" : ""));

        Bench.say("soak: preparing (purposes, persons)");
        IngestionBench.PURPOSES.forEach(p -> Fixtures.ensurePurpose(http, p));
        salesToken.set(Tokens.of(DemoUser.SALES));
        // The decisions ask about random pairs of the bench's population, not one cached row.
        List<String> pairs = DecisionBench.pairs(DecisionPersons.ensure(http, decisionPersons, runId));
        SoakEdits edits = new SoakEdits(http, salesToken::get);
        SoakEvents events = new SoakEvents(runId, warmup.plus(duration), eventRate);
        SoakErasures erasures = new SoakErasures(http);
        SoakMemory memory = new SoakMemory(root);
        Map<String, Long> deadLettersBefore = SoakChecks.deadLetters();

        LoadClient client = new LoadClient(http.base(), CONNECTIONS, Duration.ofSeconds(30));
        // The decision target's baseline: the gateway's proxied no-op beside the load, on connections of its own, so
        // that both see the same busy machine (one call for every ten decisions).
        LoadClient noopClient = new LoadClient(http.base(), NOOP_CONNECTIONS, Duration.ofSeconds(30));
        Bench.say("soak: " + warmup.toSeconds() + " s of warm-up, then " + duration.toMinutes() + " min of mixed load");
        long start = System.nanoTime();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(4);
        timers.scheduleAtFixedRate(() -> salesToken.set(Tokens.of(DemoUser.SALES)), 2, 2, TimeUnit.MINUTES);
        timers.scheduleAtFixedRate(() -> memory.sample(start), 0, sampleEvery.toSeconds(), TimeUnit.SECONDS);
        timers.schedule(memory::recordLiveAfterFullGc, SoakMemory.WARMUP.toSeconds(), TimeUnit.SECONDS);
        long editPeriodMicros = 1_000_000L / editRate;
        timers.scheduleAtFixedRate(edits::editNext, 0, editPeriodMicros, TimeUnit.MICROSECONDS);
        timers.scheduleAtFixedRate(erasures::requestOne, 1, erasureEvery.toSeconds(), TimeUnit.SECONDS);
        // Threads of their own: the common pool has a single thread on two cores.
        ExecutorService beside = Executors.newFixedThreadPool(2);
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> events.publish(start), beside);
        CompletableFuture<ConstantRateLoad.Result> noopBeside = CompletableFuture.supplyAsync(
                () -> ConstantRateLoad.run(
                        DecisionBench.ok(() -> noopClient.get(DecisionBench.NOOP, salesToken.get())),
                        Math.max(1, decisionRate / 10),
                        warmup,
                        duration),
                beside);
        ConstantRateLoad.Result decisions = ConstantRateLoad.run(
                DecisionBench.ok(() ->
                        client.get(pairs.get(ThreadLocalRandom.current().nextInt(pairs.size())), salesToken.get())),
                decisionRate,
                warmup,
                duration);
        publishing.join();
        ConstantRateLoad.Result noop = noopBeside.join();
        client.close();
        noopClient.close();
        beside.shutdown();
        timers.shutdown();
        awaitQuietly(timers);
        memory.sample(start);
        memory.recordLiveAfterFullGc();
        double loadMinutes = (System.nanoTime() - start) / 60e9;

        Bench.say("soak: waiting for the suite to catch up (at most " + DRAIN_CAP.toMinutes() + " min per check)");
        decisionFigures(report, decisions, noop);
        events.check(report);
        edits.check(report);
        erasures.check(report);
        SoakChecks.checkOutboxes(report);
        if (replicas > 1) {
            SoakChecks.checkPartitionsShared(report, replicas);
        }
        Map<String, Long> deadLettersAfter = SoakChecks.deadLetters();
        deadLettersAfter.forEach((topic, end) -> report.add(count(
                "dead letters added on " + topic,
                end - deadLettersBefore.getOrDefault(topic, 0L),
                0,
                "every soak event is valid")));
        memory.check(report);
        report.context(
                "duration",
                Report.number(loadMinutes) + " min of load, then "
                        + Report.number((System.nanoTime() - start) / 60e9 - loadMinutes)
                        + " min until caught up and checked");
        return report;
    }

    /**
     * An integrator checking consent before each mail needs its answer: at most 0.1 % of the decisions may go
     * unanswered, and their p99 (failures counted at the time they failed) must be within the decision target.
     */
    static void decisionFigures(Report report, ConstantRateLoad.Result decisions, ConstantRateLoad.Result noop) {
        report.add(new Figure(
                "consent decisions not answered 200",
                decisions.errors(),
                "",
                "≤ 0.1 %",
                decisions.fewErrors(),
                null,
                null,
                decisions.errorNote() + ": refused (503, 429), failed or timed out"));
        report.add(Figure.latency(
                "consent decision p99",
                decisions.millisAt(99),
                DecisionBench.targetMillis(noop.millisAt(99)),
                noop.millisAt(99),
                "proxied no-op, beside the load",
                "every call, failures at the time they failed; p50 " + Report.number(decisions.millisAt(50))
                        + " ms, p99.9 " + Report.number(decisions.millisAt(99.9)) + " ms"));
    }

    private static void awaitQuietly(ScheduledExecutorService executor) {
        try {
            executor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
