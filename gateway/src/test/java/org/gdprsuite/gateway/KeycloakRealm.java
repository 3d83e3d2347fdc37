package org.gdprsuite.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.gdprsuite.testsupport.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The tests' view of the real realm: what Keycloak holds about a staff user (read with the gateway's own
 * service account, the rights the gateway has), and sign-ins as that user with the realm's token endpoint.
 */
final class KeycloakRealm {

    private static final String SERVER = Tokens.REALM_URL.substring(0, Tokens.REALM_URL.indexOf("/realms/"));
    private static final String ADMIN = SERVER + "/admin/realms/gdpr-suite";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer of Keycloak: status and JSON body. */
    record Answer(int status, JsonNode body) {}

    private KeycloakRealm() {}

    static JsonNode user(UUID id) {
        return admin("GET", "/users/" + id, null).body();
    }

    static JsonNode sessions(UUID id) {
        return admin("GET", "/users/" + id + "/sessions", null).body();
    }

    static JsonNode realmRoles(UUID id) {
        return admin("GET", "/users/" + id + "/role-mappings/realm", null).body();
    }

    static JsonNode usersWithEmail(String email) {
        return admin("GET", "/users?exact=true&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8), null)
                .body();
    }

    /** What the user does at the first login: choosing a password of their own. */
    static void choosePassword(UUID id, String password) {
        Answer set = admin(
                "PUT",
                "/users/" + id + "/reset-password",
                "{\"type\": \"password\", \"temporary\": false, \"value\": \"" + password + "\"}");
        if (set.status() != 204) {
            throw new IllegalStateException("Keycloak did not set the password: " + set.status());
        }
        admin("PUT", "/users/" + id, "{\"requiredActions\": []}");
    }

    static void delete(UUID id) {
        admin("DELETE", "/users/" + id, null);
    }

    /** A password grant of the suite's command-line client. */
    static Answer signIn(String username, String password) {
        return token(Map.of(
                "grant_type",
                "password",
                "client_id",
                Tokens.CLI_CLIENT,
                "username",
                username,
                "password",
                password,
                "scope",
                "openid"));
    }

    static Answer refresh(String refreshToken) {
        return token(
                Map.of("grant_type", "refresh_token", "client_id", Tokens.CLI_CLIENT, "refresh_token", refreshToken));
    }

    private static Answer token(Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(Tokens.REALM_URL + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))));
    }

    private static Answer admin(String method, String path, String body) {
        Answer token = token(Map.of(
                "grant_type",
                "client_credentials",
                "client_id",
                "gateway-staff",
                "client_secret",
                "gateway-staff-secret"));
        if (token.status() != 200) {
            throw new IllegalStateException("the realm has no client gateway-staff yet: " + token.body());
        }
        return send(HttpRequest.newBuilder(URI.create(ADMIN + path))
                .header(
                        "Authorization",
                        "Bearer " + token.body().get("access_token").asText())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body)));
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
