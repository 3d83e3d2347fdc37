package org.gdprsuite.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.Tokens;

/**
 * Consent decisions through the gateway at constant rates, open loop, on a fixed pool of kept-alive
 * connections: singles ({@code GET /api/consents/decisions}) on random person × purpose pairs of the
 * population, then batches of 100 ({@code POST}). Beside each rate: the same load on a proxied no-op of the
 * same route ({@link #NOOP}: a constant list, no database), the same calls by wrk, and the suite's CPU per
 * decision.
 */
final class DecisionBench {

    /** The closest to a no-op the gateway proxies: consent-service's constant list of legal bases. */
    static final String NOOP = "/api/consents/legal-bases";

    static final int BATCH = 100;
    private static final double TARGET_P99_MS = 10;
    private static final int TARGET_RATE = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What the step takes from the command line. */
    record Settings(List<Integer> rates, Duration warmup, Duration measure, int persons, int connections, String wrk) {}

    private final Http http;
    private final SuiteCpu cpu;
    private final Settings settings;

    DecisionBench(Http http, SuiteCpu cpu, Settings settings) {
        this.http = http;
        this.cpu = cpu;
        this.settings = settings;
    }

    /** The target at 1,000/s: p99 within 10 ms or twice the no-op's p99, whichever is larger. */
    static double targetMillis(double noopP99) {
        return Double.isNaN(noopP99) ? TARGET_P99_MS : Math.max(TARGET_P99_MS, 2 * noopP99);
    }

    void run(Report report, String runId) {
        UUID[] persons = DecisionPersons.ensure(http, settings.persons(), runId);
        List<String> pairs = pairs(persons);
        report.context(
                "decision load",
                Report.number(persons.length) + " persons × " + IngestionBench.PURPOSES.size() + " purposes, random"
                        + " pairs; " + settings.connections() + " kept-alive HTTP/1.1 connections (Vert.x pool),"
                        + " time-out " + TIMEOUT.toSeconds() + " s; no-op baseline GET " + NOOP);
        try (LoadClient client = new LoadClient(http.base(), settings.connections(), TIMEOUT)) {
            for (int rate : settings.rates()) {
                // A fresh token per rate: the load of all rates outlives one access token (5 min).
                String token = Tokens.of(DemoUser.SALES);
                Measured noopRun = measured(ok(() -> client.get(NOOP, token)), rate);
                ConstantRateLoad.Result noop = noopRun.result();
                Measured singles = measured(
                        ok(() ->
                                client.get(pairs.get(ThreadLocalRandom.current().nextInt(pairs.size())), token)),
                        rate);
                reportSingles(report, rate, noop, singles.result());
                Wrk.run(settings.wrk(), http.base(), pairs, token, rate, settings.connections(), settings.measure())
                        .ifPresent(wrk -> report.add(new Figure(
                                "  wrk cross-check @ " + rate + "/s p99",
                                wrk.millisAt(99),
                                "ms",
                                null,
                                null,
                                singles.result().millisAt(99),
                                "the bench's own p99",
                                wrk.note(settings.connections(), rate))));
                report.add(singles.cpu(
                        "consent decision @ " + rate + "/s", singles.result().sent()));
                // What the route costs without the decision: token check, rate limit, access log, proxy hop.
                report.add(noopRun.cpu("proxied no-op @ " + rate + "/s (per call)", noop.sent()));
            }
            batches(report, client, persons);
        }
    }

    private void reportSingles(Report report, int rate, ConstantRateLoad.Result noop, ConstantRateLoad.Result suite) {
        for (double p : new double[] {50, 99, 99.9}) {
            boolean targeted = p == 99 && rate == TARGET_RATE;
            Figure figure = Figure.latency(
                    "consent decision @ " + rate + "/s p" + Report.number(p),
                    suite.millisAt(p),
                    targeted ? targetMillis(noop.millisAt(99)) : null,
                    noop.millisAt(p),
                    "proxied no-op",
                    p == 99 ? suite.errorNote() + "; no-op " + noop.errorNote() : null);
            report.add(Errors.within(figure, suite.errors(), suite.sent()));
        }
    }

    /** Batches of 100 random persons for one purpose, 1,000 decisions/s in all. */
    private void batches(Report report, LoadClient client, UUID[] persons) {
        String token = Tokens.of(DemoUser.SALES);
        int rate = TARGET_RATE / BATCH;
        Measured batches = measured(
                ok(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    List<UUID> ids = new ArrayList<>(BATCH);
                    for (int i = 0; i < BATCH; i++) {
                        ids.add(persons[random.nextInt(persons.length)]);
                    }
                    String purpose = IngestionBench.PURPOSES.get(random.nextInt(IngestionBench.PURPOSES.size()));
                    return client.post("/api/consents/decisions", token, json(purpose, ids));
                }),
                rate);
        ConstantRateLoad.Result result = batches.result();
        for (double p : new double[] {50, 99}) {
            report.add(Figure.latency(
                    "consent decisions, batches of " + BATCH + " @ " + rate + "/s p" + Report.number(p),
                    result.millisAt(p),
                    null,
                    null,
                    null,
                    p == 99 ? result.errorNote() : null));
        }
        report.add(batches.cpu("batch of " + BATCH + " @ " + rate + "/s", result.sent() * (double) BATCH));
    }

    private static String json(String purpose, List<UUID> ids) {
        try {
            return Http.JSON.writeValueAsString(Map.of("purpose", purpose, "personIds", ids));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A load's result and the CPU the suite (and the bench itself) spent while it was measured. */
    record Measured(ConstantRateLoad.Result result, SuiteCpu.Usage usage, double loadGeneratorMillis) {

        Figure cpu(String name, double decisions) {
            Figure f = usage.figure(name, decisions, "decision");
            return new Figure(
                    f.name(),
                    f.value(),
                    f.unit(),
                    null,
                    null,
                    null,
                    null,
                    f.note() + "; load generator " + Report.number(loadGeneratorMillis / decisions) + " ms");
        }
    }

    private Measured measured(Supplier<CompletableFuture<Boolean>> send, int rate) {
        AtomicReference<SuiteCpu.Sample> before = new AtomicReference<>();
        AtomicReference<Double> benchBefore = new AtomicReference<>();
        ConstantRateLoad.Result result = load(send, rate, () -> {
            before.set(cpu.sample());
            benchBefore.set(ownCpuMillis());
        });
        SuiteCpu.Usage usage = cpu.sample().since(before.get());
        return new Measured(result, usage, ownCpuMillis() - benchBefore.get());
    }

    private ConstantRateLoad.Result load(Supplier<CompletableFuture<Boolean>> send, int rate, Runnable atStart) {
        return ConstantRateLoad.run(
                send, rate, settings.warmup(), settings.measure(), TIMEOUT, atStart == null ? () -> {} : atStart);
    }

    /** The decision calls of every person × purpose pair of the population. */
    static List<String> pairs(UUID[] persons) {
        List<String> pairs = new ArrayList<>();
        for (UUID person : persons) {
            IngestionBench.PURPOSES.forEach(
                    p -> pairs.add("/api/consents/decisions?personId=" + person + "&purpose=" + p));
        }
        return pairs;
    }

    /** A call that counts as answered only with 200. */
    static Supplier<CompletableFuture<Boolean>> ok(Supplier<CompletableFuture<Integer>> call) {
        return () -> call.get().thenApply(status -> status == 200);
    }

    /** The bench's own CPU time so far (the load generator's share of a step). */
    static double ownCpuMillis() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(d -> d.toNanos() / 1e6)
                .orElse(Double.NaN);
    }
}
