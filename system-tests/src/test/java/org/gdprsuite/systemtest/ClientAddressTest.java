package org.gdprsuite.systemtest;

import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.testsupport.ClientAddresses;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.MailBox;
import org.gdprsuite.testsupport.PublicForm;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The caller's real address through the gateway, with the real per-address limits (the gateway's and the DSR
 * portal's, as deployed and as every scenario meets them): callers from different addresses (127.x.y.z, all
 * loopback on Linux) have limits of their own, an X-Forwarded-For written by a caller changes nothing, and the
 * evidence of a double opt-in holds the address of the person who clicked.
 */
class ClientAddressTest extends SystemTest {

    /** A caller's own claim of who it is; the gateway must not believe it. */
    private static final Map<String, String> SPOOFED =
            Map.of("X-Forwarded-For", "203.0.113.66", "X-Real-IP", "203.0.113.66", "Forwarded", "for=203.0.113.66");

    @Test
    void twoCallersThroughTheGatewayHaveTheirOwnPublicLimit() {
        String page = "/public/incidents/report";
        InetAddress first = ClientAddresses.next();
        int allowed = 0;
        while (get(first, page, Map.of()).statusCode() == 200) {
            allowed++;
            if (allowed > 200) {
                throw new AssertionError("the gateway's public limit never applied");
            }
        }
        assertEquals(120, allowed, "the gateway's default public limit per address and minute");
        assertEquals(429, get(first, page, SPOOFED).statusCode(), "naming another address does not help");
        assertEquals(200, get(ClientAddresses.next(), page, Map.of()).statusCode(), "another caller is not limited");
    }

    @Test
    void thePortalLimitCountsEachCallerNotTheGateway() {
        InetAddress caller = ClientAddresses.next();
        // Incomplete forms: refused (400), but counted, and nothing is sent to anyone.
        for (int i = 0; i < 10; i++) {
            assertEquals(400, postPortal(caller, Map.of()).statusCode(), "call " + (i + 1));
        }
        assertEquals(429, postPortal(caller, Map.of()).statusCode(), "the portal's limit: 10 per 10 minutes");
        assertEquals(429, postPortal(caller, SPOOFED).statusCode(), "naming another address does not help");
        assertEquals(400, postPortal(ClientAddresses.next(), Map.of()).statusCode(), "another caller is not limited");
    }

    @Test
    void theEvidenceOfADoubleOptInHoldsTheAddressOfThePersonWhoConfirmed() {
        String email = uniqueEmail("lea.fontaine");
        UUID person = createPerson("Léa", "Fontaine", email, Map.of());
        MailBox.Message request = newsletterRequest(email);
        URI link = URI.create(request.link("/public/consents/confirm").orElseThrow());
        String token = link.getQuery().substring("token=".length());
        InetAddress clicker = ClientAddresses.next();
        String confirm = "/public/consents/confirm";
        assertEquals(200, get(clicker, confirm + "?token=" + token, SPOOFED).statusCode());
        assertEquals(
                200,
                from(clicker)
                        .headers(SPOOFED)
                        .formParam("token", token)
                        .when()
                        .post(confirm)
                        .statusCode());
        as(DemoUser.DPO)
                .when()
                .get("/api/consents/persons/" + person + "/purposes/" + NEWSLETTER + "/history")
                .then()
                .statusCode(200)
                .rootPath("items")
                .body("channel[1]", equalTo("double-opt-in"))
                .body("evidence[1].ip", equalTo(clicker.getHostAddress()));
    }

    private static Response get(InetAddress caller, String path, Map<String, String> headers) {
        return from(caller).headers(headers).urlEncodingEnabled(false).when().get(path);
    }

    private static Response postPortal(InetAddress caller, Map<String, String> headers) {
        return PublicForm.open(from(caller), "/public/requests")
                .on(from(caller))
                .headers(headers)
                .formParam("details", "")
                .when()
                .post("/public/requests");
    }
}
