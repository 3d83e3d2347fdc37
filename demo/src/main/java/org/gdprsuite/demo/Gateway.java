package org.gdprsuite.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The suite as a front-end sees it: the gateway, with real Keycloak tokens of the demo users. Waits and
 * retries when the gateway's per-user rate limit answers 429 (other people use the same suite).
 */
final class Gateway {

    static final String URL = Optional.ofNullable(System.getenv("GDPR_GATEWAY_URL"))
            .filter(url -> !url.isBlank())
            .orElse("http://127.0.0.1:8080");
    static final ObjectMapper JSON = new ObjectMapper();

    /** Enough requests in flight to keep both cores busy, few enough not to crowd out the others' work. */
    private static final int PARALLEL = 8;

    private static final int ATTEMPTS = 6;

    private static final Map<String, Supplier<String>> TOKENS = new ConcurrentHashMap<>();

    /** The staff users the load acts as, each in their role (a token is fetched when first needed). */
    static final Supplier<String> SALES = as(DemoUser.SALES);

    static final Supplier<String> MARKETING = as(DemoUser.MARKETING);
    static final Supplier<String> SUPPORT = as(DemoUser.SUPPORT);
    static final Supplier<String> DPO = as(DemoUser.DPO);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    record Reply(int status, JsonNode body) {}

    static Supplier<String> as(DemoUser user) {
        return TOKENS.computeIfAbsent(user.username(), name -> oneAtATime(() -> Tokens.of(user)));
    }

    static Supplier<String> integration() {
        return TOKENS.computeIfAbsent(Tokens.INTEGRATION_CLIENT, name -> oneAtATime(Tokens::integration));
    }

    /**
     * Tokens of one user are fetched by one thread at a time (the others then get it from Tokens' cache):
     * parallel password grants of one user trip Keycloak's brute-force detection (user_temporarily_disabled).
     */
    private static Supplier<String> oneAtATime(Supplier<String> fetch) {
        Object lock = new Object();
        return () -> {
            synchronized (lock) {
                return fetch.get();
            }
        };
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    JsonNode get(Supplier<String> token, String path) {
        return send(token, "GET", path, null, null, 200).body();
    }

    JsonNode post(Supplier<String> token, String path, Object body) {
        return send(token, "POST", path, "application/json", json(body), 200, 201)
                .body();
    }

    JsonNode put(Supplier<String> token, String path, Object body) {
        return send(token, "PUT", path, "application/json", json(body), 200, 201)
                .body();
    }

    /** Sends a request; a status outside {@code accepted} fails the load with the service's problem detail. */
    Reply send(Supplier<String> token, String method, String path, String contentType, String body, int... accepted) {
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(URL + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token.get())
                    .header("Accept", "application/json")
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt < ATTEMPTS) {
                    pause(1);
                    continue;
                }
                throw new IllegalStateException("The gateway is not reachable at " + URL + "; is the suite up?", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            int status = response.statusCode();
            if ((status == 429 || status == 503) && attempt < ATTEMPTS) {
                pause(response.headers().firstValueAsLong("Retry-After").orElse(attempt));
                continue;
            }
            JsonNode tree = parse(response.body());
            if (Arrays.stream(accepted).noneMatch(s -> s == status)) {
                // The path without its query (which may hold an address) and the problem's detail, which never echoes
                // values.
                throw new IllegalStateException(method + " " + path.replaceAll("\\?.*", "") + " answered " + status
                        + ": " + tree.path("detail").asText(tree.path("title").asText("")) + " "
                        + tree.path("violations"));
            }
            return new Reply(status, tree);
        }
    }

    /** Runs {@code action} for every item, {@value #PARALLEL} at a time; the first failure stops the rest. */
    static <T> void parallel(List<T> items, Consumer<T> action) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<?>> futures = items.stream()
                    .<Future<?>>map(item -> pool.submit(() -> action.accept(item)))
                    .toList();
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String json(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static void pause(long seconds) {
        try {
            Thread.sleep(Math.min(seconds, 60) * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
