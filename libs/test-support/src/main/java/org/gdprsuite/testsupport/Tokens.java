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

    public static final String REALM_URL =
            setting("GDPR_KEYCLOAK_REALM_URL", "http://127.0.0.1:8180/realms/gdpr-suite");
    public static final String CLI_CLIENT = "suite-cli";
    public static final String INTEGRATION_CLIENT = "integration";
    public static final String INTEGRATION_SECRET = setting("GDPR_INTEGRATION_SECRET", "integration-secret");
    /** erasure-service's own client: its service account holds only the role subject-lookup. */
    public static final String ERASURE_CLIENT = "erasure-service";

    public static final String ERASURE_SECRET = setting("GDPR_ERASURE_CLIENT_SECRET", "erasure-service-secret");
    /** A client of the realm whose tokens expire after one second; only tests use it. */
    public static final String EXPIRY_PROBE_CLIENT = "token-expiry-probe";
    /** A client of the realm whose tokens expire after {@value #SHORT_LIVED_SECONDS} seconds; only tests use it. */
    public static final String SHORT_LIVED_CLIENT = "token-short-lived-probe";

    public static final int SHORT_LIVED_SECONDS = 5;

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration REUSE_FOR = Duration.ofSeconds(120);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, Instant until) {}

    private Tokens() {}

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
            Map<String, String> form = passwordGrantForm(user, CLI_CLIENT);
            form.put("scope", "openid");
            return form;
        });
    }

    /** An access token of the confidential {@code integration} client (client credentials). */
    public static String integration() {
        return clientCredentials(INTEGRATION_CLIENT, INTEGRATION_SECRET);
    }

    /** An access token of erasure-service's own client (client credentials; role subject-lookup only). */
    public static String erasureService() {
        return clientCredentials(ERASURE_CLIENT, ERASURE_SECRET);
    }

    private static String clientCredentials(String client, String secret) {
        return cached(
                client, () -> Map.of("grant_type", "client_credentials", "client_id", client, "client_secret", secret));
    }

    /**
     * A real token of a demo user, signed by the realm, that is no longer valid: issued by the client
     * {@value #EXPIRY_PROBE_CLIENT}, whose tokens live one second, and returned once that second has passed.
     * The client is created in the running realm (through the local admin console's API) when missing.
     */
    public static String expired(DemoUser user) {
        ensureProbeClient(EXPIRY_PROBE_CLIENT, 1);
        String token = request(passwordGrantForm(user, EXPIRY_PROBE_CLIENT));
        sleep(2_100);
        return token;
    }

    /** A new access token of a demo user without a second factor, never handed out before (no reuse). */
    public static String fresh(DemoUser user) {
        if (user.totpSecret() != null) {
            throw new IllegalArgumentException("fresh tokens only for users without TOTP");
        }
        Map<String, String> form = passwordGrantForm(user, CLI_CLIENT);
        form.put("scope", "openid");
        return request(form);
    }

    /**
     * A real, valid token of a demo user, signed by the realm, that expires {@value #SHORT_LIVED_SECONDS} seconds
     * after it is issued (client {@value #SHORT_LIVED_CLIENT}, created in the running realm when missing).
     */
    public static String shortLived(DemoUser user) {
        ensureProbeClient(SHORT_LIVED_CLIENT, SHORT_LIVED_SECONDS);
        return request(passwordGrantForm(user, SHORT_LIVED_CLIENT));
    }

    /**
     * A real, valid token of a demo user, signed by the realm, but issued to Keycloak's own {@code admin-cli}
     * client: it is not meant for the suite (no {@code gdpr-suite} audience).
     */
    public static String otherAudience(DemoUser user) {
        return request(passwordGrantForm(user, "admin-cli"));
    }

    private static Map<String, String> passwordGrantForm(DemoUser user, String client) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", client);
        form.put("username", user.username());
        form.put("password", user.password());
        if (user.totpSecret() != null) {
            form.put("totp", Totp.code(user.totpSecret(), Instant.now()));
        }
        return form;
    }

    /** A public client with the suite's audience whose access tokens live {@code lifespanSeconds}. */
    private static synchronized void ensureProbeClient(String clientId, int lifespanSeconds) {
        String base = REALM_URL.substring(0, REALM_URL.indexOf("/realms/"));
        String realm = REALM_URL.substring(REALM_URL.indexOf("/realms/") + "/realms/".length());
        String admin = request(
                base + "/realms/master/protocol/openid-connect/token",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        setting("GDPR_KEYCLOAK_ADMIN", "admin"),
                        "password",
                        setting("GDPR_KEYCLOAK_ADMIN_PASSWORD", "admin")));
        String clients = base + "/admin/realms/" + realm + "/clients";
        HttpResponse<String> found = send(HttpRequest.newBuilder(URI.create(clients + "?clientId=" + clientId))
                .header("Authorization", "Bearer " + admin)
                .GET());
        if (found.body().contains("\"clientId\":\"" + clientId + "\"")) {
            return;
        }
        String client = """
                {"clientId": "%s", "publicClient": true, "directAccessGrantsEnabled": true, "standardFlowEnabled": false,
                 "attributes": {"access.token.lifespan": "%d"},
                 "protocolMappers": [{"name": "audience gdpr-suite", "protocol": "openid-connect",
                   "protocolMapper": "oidc-audience-mapper",
                   "config": {"included.custom.audience": "gdpr-suite", "access.token.claim": "true"}}]}
                """.formatted(clientId, lifespanSeconds);
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(clients))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(client)));
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new IllegalStateException("Keycloak did not create " + clientId + " (" + created.statusCode() + ")");
        }
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
        return request(REALM_URL + "/protocol/openid-connect/token", form);
    }

    private static String request(String tokenEndpoint, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException(
                    "Keycloak refused the token request (" + response.statusCode() + "): " + response.body());
        }
        return token.group(1);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is not reachable at " + REALM_URL + "; is the stack up?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleepUntilNextTotpPeriod() {
        long millisIntoPeriod = System.currentTimeMillis() % (Totp.PERIOD_SECONDS * 1000L);
        sleep(Totp.PERIOD_SECONDS * 1000L - millisIntoPeriod + 100);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
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
