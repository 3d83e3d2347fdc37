package org.gdprsuite.gateway;

import java.util.Map;

import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * No trusted proxy (the default): the peer of the connection is the client. What a caller writes into
 * X-Forwarded-For, Forwarded or X-Real-IP is replaced by its real address before the service sees it, and
 * does not give it a fresh rate-limit bucket.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
@WithTestResource(EchoService.class)
@TestProfile(ForwardedForTest.Strict.class)
class ForwardedForTest {

    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gdpr.gateway.rate-limit.public-per-minute", "3");
        }
    }

    @Test
    void aCallerCannotNameItsOwnAddress() {
        given().header("X-Forwarded-For", "203.0.113.9")
                .header("Forwarded", "for=203.0.113.9;proto=https")
                .header("X-Real-IP", "203.0.113.9")
                .header("X-Forwarded-Port", "443")
                .when()
                .get("/public/incidents/report")
                .then()
                .statusCode(200)
                .body("'x-forwarded-for'", equalTo("127.0.0.1"))
                .body("forwarded", nullValue())
                .body("'x-real-ip'", nullValue())
                .body("'x-forwarded-port'", equalTo(Integer.toString(RestAssured.port)))
                .body("'x-forwarded-proto'", equalTo("http"));
        // Another made-up address each time is still the same caller to the rate limit.
        for (String spoofed : new String[] {"198.51.100.1", "198.51.100.2"}) {
            given().header("X-Forwarded-For", spoofed)
                    .when()
                    .get("/public/incidents/report")
                    .then()
                    .statusCode(200)
                    .body("'x-forwarded-for'", equalTo("127.0.0.1"));
        }
        given().header("X-Forwarded-For", "198.51.100.3")
                .when()
                .get("/public/incidents/report")
                .then()
                .statusCode(429);
    }
}
