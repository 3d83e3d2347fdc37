package org.gdprsuite.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The honest measurement: every call counted, the error rule, ratios, CPU accounting, wrk's figures. */
@Tag("unit")
class MeasurementTest {

    private static final long MS = 1_000_000;

    @Test
    void failedCallsAreInTheHistogramAtTheTimeTheyFailed() {
        ConstantRateLoad load = new ConstantRateLoad();
        // 98 calls answered in 1 ms, 2 failed after 5 s: p99 is a failure's time, not the answered calls' 1 ms.
        for (int i = 0; i < 98; i++) {
            load.record(i * MS, i * MS + MS, true);
        }
        load.record(0, 5_000 * MS, false);
        load.record(0, 5_000 * MS, false);
        ConstantRateLoad.Result result = load.result(100);
        assertEquals(100, result.sent());
        assertEquals(2, result.errors());
        assertEquals(98, result.answered());
        assertEquals(1, result.millisAt(50), 0.01);
        assertEquals(5_000, result.millisAt(99), 5);
        assertFalse(result.fewErrors());
        assertEquals("2 errors of 100 (2.00 %): 2 not 200", result.errorNote());
    }

    @Test
    void nothingSentIsNoLatencyAndNoSuccess() {
        ConstantRateLoad.Result result = new ConstantRateLoad().result(1000);
        assertTrue(Double.isNaN(result.millisAt(99)));
        assertFalse(result.fewErrors());
    }

    @Test
    void aCallWithoutAnswerFailsAtTheTimeOut() {
        AtomicInteger calls = new AtomicInteger();
        // Every 10th call is never answered, the others at once; the schedule is 200/s for 0.5 s.
        ConstantRateLoad.Result result = ConstantRateLoad.run(
                () -> calls.incrementAndGet() % 10 == 0
                        ? new CompletableFuture<>()
                        : CompletableFuture.completedFuture(true),
                200,
                Duration.ZERO,
                Duration.ofMillis(500),
                Duration.ofMillis(300),
                () -> {});
        assertEquals(100, result.sent());
        assertEquals(10, result.errors());
        // The 10 % that timed out are the slowest tenth, each at about the time-out.
        assertTrue(result.millisAt(95) >= 300, "p95 " + result.millisAt(95));
        assertTrue(result.millisAt(50) < 300, "p50 " + result.millisAt(50));
        assertEquals("10 errors of 100 (10.00 %): 10 time-out", result.errorNote());
    }

    @Test
    void failuresAreCountedByKind() {
        ConstantRateLoad load = new ConstantRateLoad();
        load.record(0, MS, true);
        load.record(0, MS, false);
        load.record(
                0,
                30_000 * MS,
                false,
                new java.util.concurrent.CompletionException(new java.util.concurrent.TimeoutException()));
        load.record(0, 2 * MS, false, new java.io.IOException("Connection was closed"));
        ConstantRateLoad.Result result = load.result(10);
        assertEquals(Map.of("not 200", 1L, "time-out", 1L, "IOException", 1L), result.failures());
        assertEquals("3 errors of 4 (75.00 %): 1 IOException, 1 not 200, 1 time-out", result.errorNote());
    }

    @Test
    void aTargetIsMetOnlyWithAtMostOneErrorInAThousand() {
        assertTrue(Errors.acceptable(0, 15_000));
        assertTrue(Errors.acceptable(15, 15_000));
        assertFalse(Errors.acceptable(16, 15_000));
        assertFalse(Errors.acceptable(0, 0));
        Figure fast = Figure.latency("decision p99", 4, 10.0, 2.0, "no-op", null);
        assertEquals(true, Errors.within(fast, 15, 15_000).met());
        Figure failing = Errors.within(fast, 13_268, 15_000);
        assertEquals(false, failing.met());
        assertEquals("≤ 10 ms, ≤ 0.1 % errors", failing.target());
        Figure slow = Figure.latency("decision p99", 40, 10.0, 2.0, "no-op", null);
        assertEquals(false, Errors.within(slow, 0, 15_000).met());
        Figure untargeted = Figure.latency("decision p50", 40, null, 2.0, "no-op", null);
        assertEquals(null, Errors.within(untargeted, 100, 100).met());
    }

    @Test
    void theDecisionTargetIsTenMillisecondsOrTwiceTheNoOpWhicheverIsLarger() {
        assertEquals(10, DecisionBench.targetMillis(3));
        assertEquals(24, DecisionBench.targetMillis(12));
        assertEquals(10, DecisionBench.targetMillis(Double.NaN));
    }

    @Test
    void ratiosAreSuiteOverBaseline() {
        assertEquals(2.5, Figure.latency("p99", 25, null, 10.0, "no-op", null).ratio());
        assertEquals(
                0.25,
                Figure.rate("ingestion", 5_000, "events/s", null, 20_000.0, "bare", null)
                        .ratio());
        assertEquals(null, Figure.latency("p99", 25, null, 0.0, "no-op", null).ratio());
        assertEquals(null, Figure.info("rss", 100, "MiB", null).ratio());
    }

    @Test
    void dsrRequestsNotDoneCountAsErrorsAtTheCap() {
        List<Requests.Outcome> finished = List.of(
                new Requests.Outcome(UUID.randomUUID(), "COMPLETED", 800),
                new Requests.Outcome(UUID.randomUUID(), "PARTIALLY_COMPLETED", 900),
                new Requests.Outcome(UUID.randomUUID(), "FAILED", 1200));
        Requests.Latencies all = Requests.latencies(finished, 5, Duration.ofMinutes(3));
        assertEquals(5, all.sent());
        assertEquals(3, all.errors());
        assertEquals(180_000, Requests.percentile(all.millis(), 99));
        assertEquals(1200, Requests.percentile(all.millis(), 50));
    }

    @Test
    void procStatGivesOwnAndEndedChildrenTicks() {
        // Fields 14-17: utime 1200, stime 300, cutime 40, cstime 10; the name holds a space and a ')'.
        String line = "4242 (java (x) y) S 17 4242 4242 0 -1 4194560 5000 0 0 0 1200 300 40 10 20 0 60 0 123 "
                + "4000000000 50000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0";
        SuiteCpu.ProcStat stat = SuiteCpu.ProcStat.parse(line);
        assertEquals("java (x) y", stat.comm());
        assertEquals(17, stat.ppid());
        assertEquals(1500, stat.own());
        assertEquals(1550, stat.ticks());
    }

    @Test
    void theJitIsTheJvmsCompilerThreads() {
        assertTrue(SuiteCpu.compiles("C2 CompilerThre"));
        assertTrue(SuiteCpu.compiles("C1 CompilerThre"));
        assertFalse(SuiteCpu.compiles("executor-thread"));
        assertFalse(SuiteCpu.compiles("GC Thread#0"));
    }

    @Test
    void aProcessBelongsToItsNearestSuiteAncestorOrToPostgresByName() {
        Map<Long, SuiteCpu.ProcStat> table = Map.of(
                100L, new SuiteCpu.ProcStat("bash", 1, 0, 0),
                101L, new SuiteCpu.ProcStat("java", 100, 500, 0),
                200L, new SuiteCpu.ProcStat("postgres", 1, 30, 20),
                201L, new SuiteCpu.ProcStat("postgres", 200, 70, 0),
                300L, new SuiteCpu.ProcStat("java", 1, 900, 0));
        Map<Long, String> roots = Map.of(100L, "kafka");
        assertEquals(Optional.of("kafka"), SuiteCpu.component(101, table, roots));
        assertEquals(Optional.of("kafka"), SuiteCpu.component(100, table, roots));
        assertEquals(Optional.of("postgres"), SuiteCpu.component(201, table, roots));
        assertEquals(Optional.of("postgres"), SuiteCpu.component(200, table, roots));
        // Not the suite's: the bench itself, wrk, anything else on the machine.
        assertEquals(Optional.empty(), SuiteCpu.component(300, table, roots));
    }

    @Test
    void cpuPerUnitIsTheSuitesSpendingOverTheStepDividedByTheWorkDone() {
        SuiteCpu.Sample before = new SuiteCpu.Sample(
                Map.of("gateway", 1_000.0, "postgres", 500.0, "kafka", 10.0),
                Map.of("gateway", 300.0, "postgres", 0.0, "kafka", 5.0));
        SuiteCpu.Sample after = new SuiteCpu.Sample(
                Map.of("gateway", 4_000.0, "postgres", 2_500.0, "kafka", 10.0, "started-later", 99.0),
                Map.of("gateway", 1_300.0, "postgres", 0.0, "kafka", 5.0, "started-later", 50.0));
        SuiteCpu.Usage used = after.since(before);
        // Only components present at both samples; 3,000 + 2,000 ms over 10,000 decisions.
        assertEquals(5_000, used.total(), 1e-9);
        assertEquals(0.5, used.per(10_000), 1e-9);
        assertEquals("gateway 0.30, postgres 0.20 ms", used.breakdown(10_000));
        assertTrue(Double.isNaN(used.per(0)));
        Figure row = used.figure("consent decision @ 1000/s", 10_000, "decision");
        assertEquals("CPU per decision: consent decision @ 1000/s", row.name());
        assertEquals(0.5, row.value(), 1e-9);
        // 1,000 ms of the 5,000 were the JIT: 0.10 ms per decision, shown apart.
        assertEquals(1_000, used.compiling(), 1e-9);
        assertTrue(
                row.note().startsWith("whole suite, 5 s over 10,000 decisions, 0.10 ms of them the JVMs compiling"),
                row.note());

        // A baseline: PostgreSQL's part and its own client's 1,000 ms.
        SuiteCpu.Usage baseline = used.of(List.of("postgres")).with("bare client", 1_000);
        assertEquals(3_000, baseline.total(), 1e-9);
        assertEquals(0, baseline.compiling(), 1e-9);
        assertEquals("postgres 0.20, bare client 0.10 ms", baseline.breakdown(10_000));
        assertTrue(baseline.figure("b", 10_000, "decision", "baseline").note().startsWith("baseline, 3 s over"));
    }

    @Test
    void wrkFiguresAreReadFromItsReport() {
        String out = """
                Running 15s test @ http://127.0.0.1:8080
                  1 threads and 16 connections
                  Thread Stats   Avg      Stdev     Max   +/- Stdev
                    Latency     2.10ms    1.20ms  45.00ms   90.00%
                    Req/Sec     1.00k    50.00     1.10k    70.00%
                  Latency Distribution
                     50%  850.00us
                     75%    1.50ms
                     90%    3.20ms
                     99%    1.20s
                  14990 requests in 15.00s, 3.21MB read
                  Socket errors: connect 0, read 2, write 0, timeout 1
                  Non-2xx or 3xx responses: 12
                Requests/sec:    999.33
                Transfer/sec:    219.10KB
                """;
        Wrk.Result result = Wrk.parse(out);
        assertEquals(0.85, result.millisAt(50), 1e-9);
        assertEquals(1200, result.millisAt(99), 1e-9);
        assertEquals(14_990, result.requests());
        assertEquals(15, result.errors());
        assertEquals(999.33, result.perSecond(), 1e-9);
        assertTrue(result.note(16, 1000).contains("15 errors of 14,990"), result.note(16, 1000));
    }

    @Test
    void theWrkScriptPacesToTheRate() {
        String script = Wrk.script(java.nio.file.Path.of("/tmp/paths.txt"), 1000);
        assertTrue(script.contains("local interval = 1.000000"), script);
        assertTrue(script.contains("io.lines(\"/tmp/paths.txt\")"), script);
        assertTrue(script.contains("delay = function()"), script);
    }
}
