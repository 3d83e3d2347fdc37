package org.gdprsuite.bench;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The load's client against a local server that answers every call: every call sent must come back answered. */
@Tag("unit")
class LoadClientTest {

    @Test
    void everyCallSentFromTheSchedulingThreadGetsItsAnswer() throws Exception {
        Vertx serverVertx = Vertx.vertx();
        try {
            HttpServer server = serverVertx
                    .createHttpServer()
                    .requestHandler(request -> request.response().end("{\"allowed\":true}"))
                    .listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get();
            try (LoadClient client =
                    new LoadClient("http://127.0.0.1:" + server.actualPort(), 16, Duration.ofSeconds(5))) {
                ConstantRateLoad.Result result = ConstantRateLoad.run(
                        DecisionBench.ok(() -> client.get("/decision", null)),
                        5_000,
                        Duration.ZERO,
                        Duration.ofSeconds(6),
                        Duration.ofSeconds(5),
                        () -> {});

                assertEquals(30_000, result.sent());
                assertEquals(0, result.errors(), result.errorNote());
            }
        } finally {
            serverVertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }
}
