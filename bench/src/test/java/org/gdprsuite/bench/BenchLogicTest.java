package org.gdprsuite.bench;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's own logic: schedule, coordinated-omission correction, table, parsing. No load is sent. */
@Tag("unit")
class BenchLogicTest {

    @Test
    void aConsentIsPostedWithTheFieldsOfTheConsentApi() throws Exception {
        assertEquals(
                Http.JSON.readTree("""
                        {"legalBasis": "CONSENT", "status": "GRANTED", "source": "WEB_FORM", "effectiveAt": "2026-01-01T00:00:00Z"}
                        """),
                Http.JSON.valueToTree(new Fixtures.Consent("CONSENT", "GRANTED", "WEB_FORM", "2026-01-01T00:00:00Z")));
    }

    @Test
    void scheduleIsEvenAndExact() {
        assertEquals(0, ConstantRateLoad.dueOffsetNanos(0, 1000));
        assertEquals(1_000_000, ConstantRateLoad.dueOffsetNanos(1, 1000));
        assertEquals(1_000_000_000L, ConstantRateLoad.dueOffsetNanos(250, 250));
        // No drift from rounding: request 3 at 3 req/s is due exactly one second in.
        assertEquals(1_000_000_000L, ConstantRateLoad.dueOffsetNanos(3, 3));
    }

    @Test
    void latencyIsMeasuredFromTheDueTimeNotTheSendTime() {
        ConstantRateLoad load = new ConstantRateLoad();
        long ms = 1_000_000;
        // A server stalls for 100 ms: request 0 answers at 100 ms, and requests due at 1..99 ms, sent late,
        // answer right after. Measured from their due time they waited 99..1 ms, not ~0.
        for (int i = 0; i < 100; i++) {
            load.record(i * ms, 100 * ms, true);
        }
        load.record(100 * ms, 100 * ms, false);
        ConstantRateLoad.Result result = load.result(1000);
        assertEquals(101, result.sent());
        assertEquals(1, result.errors());
        assertEquals(50, result.millisAt(50), 1);
        assertEquals(99, result.millisAt(99), 1);
    }

    @Test
    void tableShowsTargetBaselineAndRatio() {
        Report report = new Report();
        report.add(Figure.latency("decision p99", 4.2, 10.0, 2.1, "/q/health/live", "0 errors"));
        report.add(Figure.rate("ingestion", 5000, "events/s", 10_000.0, 20_000.0, "bare consumer", null));
        report.add(Figure.info("RSS gateway", 180.5, "MiB", null));
        String markdown = report.markdown();
        assertTrue(
                markdown.contains(
                        "| decision p99 | 4.20 ms | ≤ 10 ms | yes | 2.10 ms (/q/health/live) | 2.00× | 0 errors |"),
                markdown);
        assertTrue(
                markdown.contains(
                        "| ingestion | 5,000 events/s | ≥ 10,000 events/s | NO | 20,000 events/s (bare consumer) | 0.25× |"),
                markdown);
        assertTrue(markdown.contains("| RSS gateway | 181 MiB | – | – | – | – |"), markdown);
        assertTrue(report.json().contains("\"ratio\" : 0.25"), report.json());
        assertTrue(report.text().lines().allMatch(l -> !l.contains("|")));
    }

    @Test
    void readsRssAndTheLastStartUpTime() {
        assertEquals(
                Optional.of(204_800L),
                ServiceStats.parseRssKiB("Name:\tjava\nVmHWM:\t  300000 kB\nVmRSS:\t  204800 kB\n"));
        assertEquals(
                Optional.of(2.5),
                ServiceStats.lastStart("gateway 0.1.0 on JVM (powered by Quarkus 3.34.2) started in 4.120s.\n...\n"
                        + "gateway 0.1.0 on JVM (powered by Quarkus 3.34.2) started in 2.500s. Listening on"));
        assertEquals(Optional.empty(), ServiceStats.lastStart("no start yet"));
    }

    @Test
    void soakCallsMemoryFlatOnlyWithinGcJitter() {
        assertTrue(SoakMemory.isFlat(100, 112));
        assertTrue(SoakMemory.isFlat(300, 328));
        assertTrue(SoakMemory.isFlat(100, 80));
        assertFalse(SoakMemory.isFlat(100, 120));
        assertFalse(SoakMemory.isFlat(300, 340));
    }

    @Test
    void soakReadsAPrometheusGaugeSummedOverItsTags() {
        String text = """
                # HELP jvm_gc_live_data_size_bytes Size of long-lived heap memory pool after reclamation
                # TYPE jvm_gc_live_data_size_bytes gauge
                jvm_gc_live_data_size_bytes 5.24288E7
                jvm_gc_live_data_size_bytes_max 2.68435456E8
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1048576.0
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
                """;
        assertEquals(52_428_800.0, SoakMemory.metric(text, "jvm_gc_live_data_size_bytes"));
        assertEquals(3_145_728.0, SoakMemory.metric(text, "jvm_memory_used_bytes"));
        assertEquals(0.0, SoakMemory.metric(text, "absent"));
    }

    @Test
    void settleCountsIdleAndIowaitAsNotBusy() {
        long[] before = Settle.parseCpuLine("cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 1 2 3\n");
        // 40 user + 10 system busy, 140 idle + 10 iowait not: 50 of 200 ticks.
        long[] after = Settle.parseCpuLine("cpu  140 0 60 940 60 0 0 0 0 0\n");
        assertEquals(0.25, Settle.busyShare(before, after), 1e-9);
        assertEquals(0.0, Settle.busyShare(after, after));
    }

    @Test
    void aMailingCountsWhoGotExactlyOneMailAndEveryOtherRecipientAsAnError() {
        MailTally tally = MailTally.of(List.of(1, 1, 0, 2, 1, 3));
        assertEquals(6, tally.recipients());
        assertEquals(3, tally.once());
        assertEquals(1, tally.missing());
        assertEquals(2, tally.duplicated());
        assertEquals(3, tally.errors());
        // Only the mails delivered once are the work done: 3 in 1.5 s.
        assertEquals(2.0, tally.perSecond(1500), 1e-9);
        assertTrue(tally.note().startsWith("3 errors of 6 (50.00 %)"), tally.note());
        assertTrue(Double.isNaN(MailTally.of(List.of()).perSecond(0)));
        assertEquals(0, MailTally.of(List.of(1, 1)).errors());
    }
}
