package org.gdprsuite.gateway;

import java.util.Map;

import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Behind a trusted load balancer (here: the test on loopback, and 10.0.0.0/8): the client is the rightmost
 * address of X-Forwarded-For that is not a trusted proxy; the rate limit counts per that client.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
@WithTestResource(EchoService.class)
@TestProfile(TrustedProxyTest.BehindALoadBalancer.class)
class TrustedProxyTest {

    public static class BehindALoadBalancer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gdpr.gateway.trusted-proxies", "127.0.0.1,10.0.0.0/8",
                    "gdpr.gateway.rate-limit.public-per-minute", "2");
        }
    }

    @Test
    void theRightmostUntrustedAddressIsTheClient() {
        forwardedFor("198.51.100.7, 203.0.113.20", "203.0.113.20");
        forwardedFor("203.0.113.21, 10.1.2.3", "203.0.113.21");
        forwardedFor("not-an-address, 10.1.2.4", "10.1.2.4");
        forwardedFor(null, "127.0.0.1");
    }

    @Test
    void eachClientBehindTheProxyHasItsOwnLimit() {
        for (int i = 0; i < 2; i++) {
            forwardedFor("192.0.2.10", "192.0.2.10");
        }
        given().header("X-Forwarded-For", "192.0.2.10")
                .when()
                .get("/public/incidents/report")
                .then()
                .statusCode(429);
        // What the client wrote itself, left of the address the proxy saw, does not make it someone else.
        given().header("X-Forwarded-For", "192.0.2.99, 192.0.2.10")
                .when()
                .get("/public/incidents/report")
                .then()
                .statusCode(429);
        forwardedFor("192.0.2.11", "192.0.2.11");
    }

    @Test
    void aPublicFormsCookiePassesBothWays() {
        given().header("X-Forwarded-For", "192.0.2.50")
                .cookie("gdpr_form", "from-the-browser")
                .when()
                .get("/public/incidents/report")
                .then()
                .statusCode(200)
                .header("Set-Cookie", equalTo(EchoService.SET_COOKIE))
                .body("cookie", equalTo("gdpr_form=from-the-browser"));
    }

    private static void forwardedFor(String sent, String seen) {
        var call = given();
        if (sent != null) {
            call.header("X-Forwarded-For", sent);
        }
        call.when().get("/public/incidents/report").then().statusCode(200).body("'x-forwarded-for'", equalTo(seen));
    }
}
