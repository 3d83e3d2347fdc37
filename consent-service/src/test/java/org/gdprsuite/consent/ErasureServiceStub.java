package org.gdprsuite.consent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * erasure-service's participants list as consent-service's register reads it, from a neighbour that is not started
 * here: two participants as erasure-service answers them ({@code Results} of its {@code ParticipantView}). The test
 * steers it over HTTP, whatever class loader it runs in: {@code POST /stub/{mode}} with {@code up}, {@code failing}
 * (503) or {@code gone} (the connection closed without an answer); {@code GET /stub/authorization} is the
 * Authorization header of the last call.
 */
public class ErasureServiceStub implements QuarkusTestResourceLifecycleManager {

    static final String URL_KEY = "quarkus.rest-client.erasure-service.url";

    static final String PARTICIPANTS = """
            {"items": [
              {"name": "contact-service", "version": "1.0", "slice": "persons, organisation links and activities",
               "actions": ["EXPORT", "ERASE", "RESTRICT"], "announcedAt": "2026-12-01T10:00:00Z"},
              {"name": "incident-service", "version": "1.0", "slice": "breach entries <i>naming</i> the person",
               "actions": ["EXPORT", "ERASE"], "announcedAt": "2026-12-01T10:00:01Z"}],
             "page": 0, "size": 500, "total": 2}""";

    private HttpServer server;
    private volatile String mode = "up";
    private volatile String authorization = "";

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/requests/participants", this::participants);
        server.createContext("/stub", this::steer);
        server.start();
        return Map.of(URL_KEY, "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    private void participants(HttpExchange exchange) throws IOException {
        authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        switch (mode) {
            case "failing" -> answer(exchange, 503, "application/problem+json", "{\"status\": 503}");
            case "gone" -> exchange.close();
            default -> answer(exchange, 200, "application/json", PARTICIPANTS);
        }
    }

    private void steer(HttpExchange exchange) throws IOException {
        if ("POST".equals(exchange.getRequestMethod())) {
            mode = exchange.getRequestURI().getPath().substring("/stub/".length());
            answer(exchange, 200, "text/plain", mode);
        } else {
            answer(exchange, 200, "text/plain", authorization);
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
