package org.gdprsuite.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker compose imports the production realm (no user, no fixed secret) and its one-shot keycloak-trial step
 * adapts it to a trial on the machine from the operator's variables. Run here against the suite's real Keycloak
 * (same version as compose's image) on a copy of the production realm under a name of its own.
 */
class ComposeTrialRealmTest {

    private static final String KEYCLOAK = "http://127.0.0.1:8180";
    private static final String STAFF_SECRET = "staff-secret-" + UUID.randomUUID();
    private static final String ERASURE_SECRET = "erasure-secret-" + UUID.randomUUID();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String realm = "compose-trial-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theTrialStepOpensTheProductionRealmToLoopbackOnlyWithTheOperatorsSecrets() throws Exception {
        ObjectNode production = (ObjectNode)
                json.readTree(Project.ROOT.resolve(ProductionRealmTest.REALM).toFile());
        production.put("realm", realm).remove("id");
        assertEquals(201, admin("POST", "/admin/realms", production.toString()).statusCode());
        HttpResponse<String> beforeTheStep = staffToken();
        assertEquals(403, beforeTheStep.statusCode(), "the production realm refuses plain HTTP before the step");
        assertTrue(beforeTheStep.body().contains("HTTPS required"), beforeTheStep.body());

        assertEquals(0, runTrialStep(), "keycloak-trial.sh succeeds");
        assertEquals(0, runTrialStep(), "and may run again (compose restarts it)");

        JsonNode settings =
                json.readTree(admin("GET", "/admin/realms/" + realm, null).body());
        assertEquals("external", settings.get("sslRequired").asText());
        assertEquals(200, staffToken().statusCode(), "the staff client signs in with the operator's secret");
        HttpResponse<String> erasure = clientToken("erasure-service", ERASURE_SECRET);
        assertEquals(200, erasure.statusCode(), "so does erasure-service's client, with its own");
        String claims = new String(
                java.util.Base64.getUrlDecoder()
                        .decode(json.readTree(erasure.body())
                                .get("access_token")
                                .asText()
                                .split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"subject-lookup\"") && claims.contains("\"gdpr-suite\""), claims);
        JsonNode ui = json.readTree(admin("GET", "/admin/realms/" + realm + "/clients?clientId=gdpr-suite-ui", null)
                        .body())
                .get(0);
        assertEquals(List.of("http://localhost:8080/*"), json.convertValue(ui.get("redirectUris"), List.class));
        JsonNode users =
                json.readTree(admin("GET", "/admin/realms/" + realm + "/users?username=trial-admin&exact=true", null)
                        .body());
        assertEquals(1, users.size(), "one first user, created once");
        String roles = admin(
                        "GET",
                        "/admin/realms/" + realm + "/users/"
                                + users.get(0).get("id").asText() + "/role-mappings/realm",
                        null)
                .body();
        assertTrue(roles.contains("\"admin\"") && roles.contains("\"dpo\""), roles);
    }

    @AfterEach
    void dropTheRealm() throws Exception {
        admin("DELETE", "/admin/realms/" + realm, null);
    }

    private int runTrialStep() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash",
                        Project.ROOT.resolve("deploy/compose/keycloak-trial.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        builder.environment()
                .putAll(Map.of(
                        "KCADM",
                        kcadm().toString(),
                        "KEYCLOAK_URL",
                        KEYCLOAK,
                        "KEYCLOAK_ADMIN_PASSWORD",
                        "admin",
                        "GDPR_REALM",
                        realm,
                        "GDPR_PUBLIC_URL",
                        "http://localhost:8080",
                        "GDPR_GATEWAY_STAFF_CLIENT_SECRET",
                        STAFF_SECRET,
                        "GDPR_ERASURE_CLIENT_SECRET",
                        ERASURE_SECRET,
                        "GDPR_TRIAL_ADMIN_PASSWORD",
                        "Trial-" + UUID.randomUUID()));
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "keycloak-trial.sh within two minutes");
        return process.exitValue();
    }

    /** The admin CLI of the Keycloak distribution ./suite installed. */
    private static Path kcadm() throws IOException {
        try (Stream<Path> dirs = Files.list(Project.ROOT.resolve(".stack"))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("keycloak-"))
                    .map(d -> d.resolve("bin/kcadm.sh"))
                    .filter(Files::isRegularFile)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Keycloak under .stack: run ./suite infra"));
        }
    }

    private HttpResponse<String> staffToken() throws IOException, InterruptedException {
        return clientToken("gateway-staff", STAFF_SECRET);
    }

    private HttpResponse<String> clientToken(String client, String secret) throws IOException, InterruptedException {
        return post(
                "/realms/" + realm + "/protocol/openid-connect/token",
                "grant_type=client_credentials&client_id=" + client + "&client_secret=" + enc(secret));
    }

    /** The local Keycloak's bootstrap administrator (./suite's, never a deployment's). */
    private HttpResponse<String> admin(String method, String path, String body)
            throws IOException, InterruptedException {
        String token = json.readTree(post(
                                "/realms/master/protocol/openid-connect/token",
                                "grant_type=password&client_id=admin-cli&username=admin&password=admin")
                        .body())
                .get("access_token")
                .asText();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(KEYCLOAK + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(KEYCLOAK + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
