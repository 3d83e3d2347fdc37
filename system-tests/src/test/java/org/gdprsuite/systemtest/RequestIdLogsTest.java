package org.gdprsuite.systemtest;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A caller's report and the logs meet: what a service logs while handling a request carries that request's id
 * (the gateway's X-Request-Id), the same id the caller's problem answer names.
 */
class RequestIdLogsTest extends SystemTest {

    private static final String SERVICE = "subscription-service";

    @Test
    void aRefusedLinkIsLoggedUnderTheCallersRequestId() {
        String requestId = "trace-" + UUID.randomUUID();
        anonymous()
                .header("X-Request-Id", requestId)
                .queryParam("token", "not-a-signed-link")
                .when()
                .get("/public/subscriptions/preferences/choices")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .header("X-Request-Id", requestId)
                .body("instance", equalTo("urn:gdpr-suite:request:" + requestId));

        String line = await().atMost(Duration.ofSeconds(10)).until(() -> lineOf(requestId), found -> found != null);
        assertTrue(line.contains(" INFO "), line);
        assertTrue(line.endsWith(requestId + " Refused an invalid, expired or tampered public link"), line);
        assertTrue(!line.contains("not-a-signed-link"), "the link itself is never logged");
    }

    private static String lineOf(String requestId) {
        return suite.log(SERVICE)
                .lines()
                .filter(l -> l.contains(requestId))
                .findFirst()
                .orElse(null);
    }
}
