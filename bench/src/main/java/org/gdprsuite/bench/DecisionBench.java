package org.gdprsuite.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.Tokens;

/**
 * Consent decisions through the gateway ({@code GET /api/consents/decisions}) at constant rates, against
 * the same load on the gateway's own liveness endpoint: the HTTP floor of this machine.
 */
final class DecisionBench {

    static final String PURPOSE = "bench-newsletter";
    private static final double TARGET_P99_MS = 10;
    private static final int TARGET_RATE = 1000;

    private final Http http;
    private final List<Integer> rates;
    private final Duration warmup;
    private final Duration measure;

    DecisionBench(Http http, List<Integer> rates, Duration warmup, Duration measure) {
        this.http = http;
        this.rates = rates;
        this.warmup = warmup;
        this.measure = measure;
    }

    void run(Report report) {
        Fixtures.ensurePurpose(http, PURPOSE);
        UUID person = Fixtures.consentedPerson(http, Tokens.of(DemoUser.SALES), PURPOSE);
        URI decision = URI.create(http.base() + "/api/consents/decisions?personId=" + person + "&purpose=" + PURPOSE);
        // The floor: the gateway's liveness check, on its management port (the same JVM, no proxy hop).
        URI health = URI.create("http://127.0.0.1:" + ServiceStats.MANAGEMENT_PORTS.get("gateway") + "/q/health/live");
        for (int rate : rates) {
            // A fresh token per rate: the load of all rates outlives one access token (5 min).
            String token = Tokens.of(DemoUser.SALES);
            ConstantRateLoad.Result floor = ConstantRateLoad.run(sender(health, () -> null), rate, warmup, measure);
            ConstantRateLoad.Result suite = ConstantRateLoad.run(sender(decision, () -> token), rate, warmup, measure);
            String errors = suite.errors() + " errors of " + (suite.recorded() + suite.errors())
                    + (floor.errors() > 0 ? " (health: " + floor.errors() + ")" : "");
            for (double p : new double[] {50, 99, 99.9}) {
                boolean targeted = p == 99 && rate == TARGET_RATE;
                // No answer at all is no latency (and no target met), not 0 ms.
                report.add(Figure.latency(
                        "consent decision @ " + rate + "/s p" + Report.number(p),
                        suite.recorded() == 0 ? Double.NaN : suite.millisAt(p),
                        targeted ? TARGET_P99_MS : null,
                        floor.millisAt(p),
                        "/q/health/live",
                        p == 99 ? errors : null));
            }
        }
    }

    /** One GET per call, with the token {@code token} gives at that moment (null: none); ok when answered 200. */
    static Supplier<CompletableFuture<Boolean>> sender(URI uri, Supplier<String> token) {
        return () -> {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
            String bearer = token.get();
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            return Http.CLIENT
                    .sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                    .thenApply(r -> r.statusCode() == 200);
        };
    }
}
