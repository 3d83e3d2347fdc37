package org.gdprsuite.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * DSR erasure end to end, after an unmeasured warm-up round of as many requests in flight: one request alone
 * (the latency floor, used as the baseline), then {@code inFlight} requests taken first and approved in one
 * burst; approval → every participant done → completed. Beside it the suite's CPU per erased person.
 */
final class DsrBench {

    private static final Duration CAP = Duration.ofMinutes(3);

    private final Http http;
    private final SuiteCpu cpu;
    private final int inFlight;

    DsrBench(Http http, SuiteCpu cpu, int inFlight) {
        this.http = http;
        this.cpu = cpu;
        this.inFlight = inFlight;
    }

    void run(Report report) {
        Requests requests = new Requests(http);
        List<UUID> warmUp = IntStream.range(0, inFlight)
                .mapToObj(i -> Fixtures.person(http, "dsr-warm-up" + i))
                .toList();
        List<UUID> persons = new ArrayList<>(IntStream.rangeClosed(0, inFlight)
                .mapToObj(i -> Fixtures.person(http, "dsr" + i))
                .toList());
        try (Connection erasure = Db.connect("erasure")) {
            // Not measured: one round of as many in flight first. The first erasures after a start run cold code
            // in every service (three rounds in a row after a start: p50 4.6, 2.5, 1.7 s); the card asks for the
            // suite in operation, not just started.
            Requests.await(erasure, requests.takeAndApprove("ERASURE", warmUp), CAP);
            Bench.say("DSR warm-up: " + warmUp.size() + " erasures done (not measured), machine quiet after "
                    + Settle.await(Bench.SETTLE_MAX));
            List<UUID> alone = requests.take("ERASURE", List.of(persons.remove(0)));
            SuiteCpu.Sample beforeAlone = cpu.sample();
            requests.approveInOneBurst(alone);
            List<Requests.Outcome> floor = Requests.await(erasure, alone, CAP);
            SuiteCpu.Usage aloneCpu = cpu.sample().since(beforeAlone);
            double floorMs = floor.isEmpty() ? Double.NaN : floor.get(0).millis();

            List<UUID> ids = requests.take("ERASURE", persons);
            Settle.await(Bench.SETTLE_MAX);
            SuiteCpu.Sample before = cpu.sample();
            double burstMs = requests.approveInOneBurst(ids);
            Requests.Latencies all = Requests.latencies(Requests.await(erasure, ids, CAP), ids.size(), CAP);
            SuiteCpu.Usage burstCpu = cpu.sample().since(before);
            String note = "approved in one burst of " + Report.number(burstMs) + " ms; "
                    + Errors.note(all.errors(), all.sent()) + " (failed or not done in " + CAP.toMinutes()
                    + " min)";
            // The targets: p50 within 1 s, p99 within 3 s.
            for (double p : new double[] {50, 99}) {
                Figure figure = Figure.latency(
                        "DSR erasure, " + inFlight + " in flight, p" + Report.number(p),
                        Requests.percentile(all.millis(), p),
                        p == 50 ? 1000.0 : 3000.0,
                        floorMs,
                        "one request alone",
                        p == 50 ? note : null);
                report.add(Errors.within(figure, all.errors(), all.sent()));
            }
            report.add(Figure.latency(
                    "DSR erasure, one request alone",
                    floorMs,
                    null,
                    null,
                    null,
                    "approval → completed over every participant"));
            report.add(burstCpu.figure("DSR erasure, " + inFlight + " in flight", ids.size(), "erased person"));
            report.add(aloneCpu.figure("DSR erasure, one alone", 1, "erased person"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
