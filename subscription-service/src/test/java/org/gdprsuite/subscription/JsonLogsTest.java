package org.gdprsuite.subscription;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The JSON log lines a Kubernetes log collector reads (switched on by QUARKUS_LOG_JSON_CONSOLE_ENABLED=true): one
 * object per line, with the caller's request id under mdc.requestId. The same formatter writes a file here, so the
 * test can read what the console would print.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
@TestProfile(JsonLogsTest.JsonLogs.class)
class JsonLogsTest {

    private static final Path LOG = Path.of("target", "json-logs-test.log");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The file handler with the JSON formatter, as the console gets it on Kubernetes. */
    public static class JsonLogs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.json.file.enabled", "true");
        }
    }

    @Test
    void aRefusedLinkIsOneJsonLineCarryingTheRequestId() {
        String requestId = "json-" + UUID.randomUUID();
        given().header("X-Request-Id", requestId)
                .queryParam("token", "not-a-signed-link")
                .when()
                .get("/public/subscriptions/preferences/choices")
                .then()
                .statusCode(403)
                .body("instance", equalTo("urn:gdpr-suite:request:" + requestId));

        JsonNode line = await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions() // a line still being written is not JSON yet
                .until(() -> lineOf(requestId), found -> found != null);
        assertEquals("INFO", line.path("level").asText(), line.toString());
        assertEquals(
                "Refused an invalid, expired or tampered public link",
                line.path("message").asText());
        assertFalse(line.toString().contains("not-a-signed-link"), "the link itself is never logged");
    }

    /** The line logged under that request id; every line of the file must be a JSON object. */
    private static JsonNode lineOf(String requestId) throws IOException {
        List<String> lines = Files.exists(LOG) ? Files.readAllLines(LOG) : List.of();
        for (String text : lines) {
            JsonNode line = JSON.readTree(text);
            if (requestId.equals(line.path("mdc").path("requestId").asText())) {
                return line;
            }
        }
        return null;
    }
}
