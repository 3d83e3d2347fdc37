package org.gdprsuite.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** JSON calls to the suite through the gateway, with real bearer tokens. */
public final class Http {

    public static final JsonMapper JSON = JsonMapper.builder()
            .findAndAddModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** HTTP/1.1 on purpose: the gateway is reached the way browsers and CRMs reach it, without an h2c upgrade. */
    public static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String base;

    public Http(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    public JsonNode get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token, 200);
    }

    public JsonNode post(String path, String token, Object body, int expected) {
        try {
            return send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    body == null ? "" : JSON.writeValueAsString(body))),
                    token,
                    expected);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public JsonNode put(String path, String token, Object body) {
        try {
            return send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))),
                    token,
                    200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Generous time-out: a retention sweep of many persons answers only when it has queued every erasure. */
    private JsonNode send(HttpRequest.Builder request, String token, int expected) {
        try {
            HttpResponse<String> response = CLIENT.send(
                    request.header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofMinutes(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                // The status and the problem title only: a body may carry personal data.
                throw new IllegalStateException(response.request().method() + " "
                        + response.request().uri().getPath() + " answered " + response.statusCode() + " (expected "
                        + expected + ")");
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
