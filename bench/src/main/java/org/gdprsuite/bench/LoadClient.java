package org.gdprsuite.bench;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The load's client, shaped like an integrator's connection pool: at most {@code connections} kept-alive
 * HTTP/1.1 connections, opened once and reused; calls beyond them wait for a free one (and that wait is
 * part of their latency). Non-blocking on one event loop, so a slow answer never delays the next send:
 * the JDK client the bench used before opened a new connection whenever none was free, without bound,
 * and measured its own connection storms as the suite's latency.
 *
 * <p>Every call is started on the client's own event loop. Started from the load's scheduling thread, the
 * Vert.x client left about one call in 7,000 without its answer: the call timed out after 30 s although the
 * gateway's own access log showed it answered within milliseconds.
 */
final class LoadClient implements AutoCloseable {

    private final Vertx vertx;
    private final HttpClient client;
    private final int connections;
    private final Context eventLoop;

    LoadClient(String base, int connections, Duration timeout) {
        URI uri = URI.create(base);
        this.connections = connections;
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setProtocolVersion(HttpVersion.HTTP_1_1)
                        .setKeepAlive(true)
                        .setPipelining(false)
                        .setDefaultHost(uri.getHost())
                        .setDefaultPort(uri.getPort())
                        .setConnectTimeout((int) timeout.toMillis())
                        .setIdleTimeout((int) timeout.toSeconds())
                        .setIdleTimeoutUnit(TimeUnit.SECONDS),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        eventLoop = vertx.getOrCreateContext();
    }

    int connections() {
        return connections;
    }

    /** GET {@code pathAndQuery} with the bearer token (none when null); completes with the status code. */
    CompletableFuture<Integer> get(String pathAndQuery, String token) {
        return send(options(HttpMethod.GET, pathAndQuery, token), null);
    }

    /** POST a JSON body; completes with the status code. */
    CompletableFuture<Integer> post(String path, String token, String json) {
        return send(
                options(HttpMethod.POST, path, token).putHeader("Content-Type", "application/json"),
                Buffer.buffer(json));
    }

    private static RequestOptions options(HttpMethod method, String uri, String token) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(uri);
        return token == null ? options : options.putHeader("Authorization", "Bearer " + token);
    }

    /** The body is read (and dropped): a call is over when its answer has arrived, not when its status did. */
    private CompletableFuture<Integer> send(RequestOptions options, Buffer body) {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        eventLoop.runOnContext(started -> client.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(b -> response.statusCode()))
                .onComplete(status -> {
                    if (status.succeeded()) {
                        answer.complete(status.result());
                    } else {
                        answer.completeExceptionally(status.cause());
                    }
                }));
        return answer;
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
