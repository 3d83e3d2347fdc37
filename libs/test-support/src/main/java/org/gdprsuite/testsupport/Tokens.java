package org.gdprsuite.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Real access tokens from the Keycloak realm {@code gdpr-suite}: password grant (with TOTP where the
 * realm requires it) for the demo users, client credentials for the {@code integration} client.
 * Also the entry point of {@code ./suite token <user>}, so it uses nothing but the JDK.
 */
public final class Tokens {

    public static final String REALM_URL = setting("GDPR_KEYCLOAK_REALM_URL", "http://127.0.0.1:8180/realms/gdpr-suite");
    public static final String CLI_CLIENT = "suite-cli";
    public static final String INTEGRATION_CLIENT = "integration";
    public static final String INTEGRATION_SECRET = setting("GDPR_INTEGRATION_SECRET", "integration-secret");

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration REUSE_FOR = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, Instant until) {
    }

    private Tokens() {
    }

    /** An access token of a demo user, e.g. {@code Tokens.of(DemoUser.SALES)}. */
    public static String of(DemoUser user) {
        try {
            return passwordGrant(user);
        } catch (IllegalStateException refused) {
            if (user.totpSecret() == null) {
                throw refused;
            }
            // Keycloak accepts a TOTP code only once: another test JVM may have used this period's code.
            sleepUntilNextTotpPeriod();
            return passwordGrant(user);
        }
    }

    private static String passwordGrant(DemoUser user) {
        return cached(user.username(), () -> {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "password");
            form.put("client_id", CLI_CLIENT);
            form.put("username", user.username());
            form.put("password", user.password());
            form.put("scope", "openid");
            if (user.totpSecret() != null) {
                form.put("totp", Totp.code(user.totpSecret(), Instant.now()));
            }
            return form;
        });
    }

    /** An access token of the confidential {@code integration} client (client credentials). */
    public static String integration() {
        return cached(INTEGRATION_CLIENT, () -> Map.of(
                "grant_type", "client_credentials",
                "client_id", INTEGRATION_CLIENT,
                "client_secret", INTEGRATION_SECRET));
    }

    private static String cached(String key, java.util.function.Supplier<Map<String, String>> form) {
        Cached hit = CACHE.get(key);
        if (hit != null && Instant.now().isBefore(hit.until())) {
            return hit.token();
        }
        String token = request(form.get());
        CACHE.put(key, new Cached(token, Instant.now().plus(REUSE_FOR)));
        return token;
    }

    private static String request(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(REALM_URL + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("Keycloak refused the token request (" + response.statusCode() + "): "
                        + response.body());
            }
            return token.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is not reachable at " + REALM_URL + "; is the stack up?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleepUntilNextTotpPeriod() {
        long millisIntoPeriod = System.currentTimeMillis() % (Totp.PERIOD_SECONDS * 1000L);
        try {
            Thread.sleep(Totp.PERIOD_SECONDS * 1000L - millisIntoPeriod + 100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String setting(String env, String fallback) {
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** {@code ./suite token <user>|integration}: prints an access token. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: token <dpo|sales|marketing|support|finance|admin|integration>");
            System.exit(2);
        }
        System.out.println(INTEGRATION_CLIENT.equals(args[0]) ? integration() : of(DemoUser.of(args[0])));
    }
}
