package org.gdprsuite.gateway;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service that has as many calls open as the gateway allows: the next call is refused at once with a
 * problem 503 and Retry-After, not queued. A call whose caller leaves is still in the access log.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
@WithTestResource(SilentService.class)
@TestProfile(SaturationTest.OneOpenCall.class)
class SaturationTest {

    public static class OneOpenCall implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The held call must stay open for the whole test: the silent service would time out otherwise.
            return Map.of("gdpr.gateway.max-in-flight", "1", "gdpr.gateway.timeout", "PT5M");
        }
    }

    @TestHTTPResource("/")
    URL gateway;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void aSaturatedServiceIsAnswered503WithRetryAfterAndALeftCallIsLogged() throws IOException {
        String token = Tokens.of(DemoUser.DPO);
        String held = "held-" + UUID.randomUUID();
        try (HeldCall call = HeldCall.open(gateway, "/api/requests", token, held)) {
            awaitOpenCalls(1);

            given().auth()
                    .oauth2(token)
                    .when()
                    .get("/api/requests")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("status", equalTo(503))
                    .body("title", equalTo("Service Unavailable"));
        }
        // The caller hung up before any answer: the place is free again and the call is in the log.
        awaitOpenCalls(0);
        Map<String, Object> entry = awaitEntry(held);
        // The proxy answers the cut-off call itself (502) or, if it never got that far, the gateway logs 499.
        assertTrue(List.of(499, 502).contains(entry.get("status")), "logged as not served: " + entry.get("status"));
        assertEquals("/api/requests", entry.get("path"));
    }

    private void awaitOpenCalls(int open) {
        HeldCall.awaitMetric(
                management,
                "gdpr_gateway_in_flight\\{[^}]*service=\"erasure-service\"[^}]*\\} " + open + "\\.0",
                "erasure-service had " + open + " open call(s)");
    }

    /** The access-log entry of the call with {@code requestId}, once written (at most 15 s). */
    private static Map<String, Object> awaitEntry(String requestId) {
        return Awaitility.await("an access-log entry for " + requestId)
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> entryOf(requestId), Optional::isPresent)
                .orElseThrow();
    }

    private static Optional<Map<String, Object>> entryOf(String requestId) {
        List<Map<String, Object>> entries = given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .queryParam("principal", "dpo")
                .queryParam("size", 1000)
                .when()
                .get("/api/access-log")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        return entries.stream()
                .filter(e -> requestId.equals(e.get("requestId")))
                .findFirst();
    }
}
