package org.gdprsuite.systemtest;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.MailBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The caller's real address through the gateway, with the real per-address limits (the gateway's and the DSR
 * portal's, as deployed): callers from different addresses (127.0.0.x, all loopback on Linux) have limits of
 * their own, an X-Forwarded-For written by a caller changes nothing, and the evidence of a double opt-in holds
 * the address of the person who clicked.
 */
class ClientAddressTest extends SystemTest {

    /** A caller's own claim of who it is; the gateway must not believe it. */
    private static final Map<String, String> SPOOFED =
            Map.of("X-Forwarded-For", "203.0.113.66", "X-Real-IP", "203.0.113.66", "Forwarded", "for=203.0.113.66");

    @BeforeAll
    static void realLimits() {
        suite.realLimits("gateway");
        suite.realLimits("erasure-service");
    }

    @AfterAll
    static void raisedLimitsAgain() {
        suite.raisedLimits("erasure-service");
        suite.raisedLimits("gateway");
    }

    @Test
    void twoCallersThroughTheGatewayHaveTheirOwnPublicLimit() throws IOException {
        String page = suite.gateway() + "/public/incidents/report";
        int allowed = 0;
        while (get("127.0.0.2", page, Map.of()).status() == 200) {
            allowed++;
            if (allowed > 200) {
                throw new AssertionError("the gateway's public limit never applied");
            }
        }
        assertEquals(120, allowed, "the gateway's default public limit per address and minute");
        assertEquals(429, get("127.0.0.2", page, SPOOFED).status(), "naming another address does not help");
        assertEquals(200, get("127.0.0.3", page, Map.of()).status(), "another caller is not limited");
    }

    @Test
    void thePortalLimitCountsEachCallerNotTheGateway() throws IOException {
        // Incomplete forms: refused (400), but counted, and nothing is sent to anyone.
        for (int i = 0; i < 10; i++) {
            assertEquals(400, postPortal("127.0.0.4", Map.of()).status(), "call " + (i + 1));
        }
        assertEquals(429, postPortal("127.0.0.4", Map.of()).status(), "the portal's limit: 10 per 10 minutes");
        assertEquals(429, postPortal("127.0.0.4", SPOOFED).status(), "naming another address does not help");
        assertEquals(400, postPortal("127.0.0.5", Map.of()).status(), "another caller is not limited");
    }

    @Test
    void theEvidenceOfADoubleOptInHoldsTheAddressOfThePersonWhoConfirmed() throws IOException {
        String email = uniqueEmail("lea.fontaine");
        UUID person = createPerson("Léa", "Fontaine", email, Map.of());
        MailBox.Message request =
                MailBox.await(email, m -> m.link("/public/consents/confirm").isPresent(), MAIL_WAIT);
        URI link = URI.create(request.link("/public/consents/confirm").orElseThrow());
        String token = link.getQuery().substring("token=".length());
        String confirm = suite.gateway() + "/public/consents/confirm";
        assertEquals(200, get("127.0.0.6", confirm + "?token=" + token, SPOOFED).status());
        assertEquals(
                200,
                BoundCall.send("127.0.0.6", "POST", confirm, "token=" + token, SPOOFED)
                        .status());
        as(DemoUser.DPO)
                .when()
                .get("/api/consents/persons/" + person + "/purposes/" + NEWSLETTER + "/history")
                .then()
                .statusCode(200)
                .rootPath("items")
                .body("channel[1]", equalTo("double-opt-in"))
                .body("evidence[1].ip", equalTo("127.0.0.6"));
    }

    private static BoundCall get(String from, String url, Map<String, String> headers) throws IOException {
        return BoundCall.send(from, "GET", url, null, headers);
    }

    private static BoundCall postPortal(String from, Map<String, String> headers) throws IOException {
        return BoundCall.send(from, "POST", suite.gateway() + "/public/requests", "details=", headers);
    }
}
