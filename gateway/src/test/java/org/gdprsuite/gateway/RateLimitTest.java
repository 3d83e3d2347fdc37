package org.gdprsuite.gateway;

import java.util.Map;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Public routes are limited per address, the others per client (token subject): past the limit, a problem
 * 429 with Retry-After, for that address or client only.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
@WithTestResource(BackendServices.class)
@TestProfile(RateLimitTest.Strict.class)
class RateLimitTest {

    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gdpr.gateway.rate-limit.public-per-minute", "3", "gdpr.gateway.rate-limit.client-per-minute", "3");
        }
    }

    @Test
    void theFourthPublicCallInAMinuteIsRefusedWithRetryAfter() {
        int last = 0;
        for (int i = 0; i < 4; i++) {
            last = given().when()
                    .get("/public/incidents/report")
                    .then()
                    .extract()
                    .statusCode();
        }
        assertEquals(429, last);
        given().when()
                .get("/public/incidents/report")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .contentType("application/problem+json");
    }

    @Test
    void aClientPastItsLimitIsRefusedWhileAnotherClientStillPasses() {
        String dpo = Tokens.of(DemoUser.DPO);
        String admin = Tokens.of(DemoUser.ADMIN);
        int last = 0;
        for (int i = 0; i < 4; i++) {
            last = given().auth()
                    .oauth2(dpo)
                    .when()
                    .get("/api/incidents")
                    .then()
                    .extract()
                    .statusCode();
        }
        assertEquals(429, last);
        given().auth()
                .oauth2(dpo)
                .when()
                .get("/api/incidents")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("title", equalTo("Too Many Requests"));
        given().auth().oauth2(admin).when().get("/api/incidents").then().statusCode(200);
    }
}
