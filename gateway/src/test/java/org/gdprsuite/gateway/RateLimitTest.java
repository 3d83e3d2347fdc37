package org.gdprsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Public routes are limited per address: past the limit, 429 with Retry-After. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
@WithTestResource(BackendServices.class)
@TestProfile(RateLimitTest.Strict.class)
class RateLimitTest {

    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gdpr.gateway.rate-limit.public-per-minute", "3");
        }
    }

    @Test
    void theFourthPublicCallInAMinuteIsRefusedWithRetryAfter() {
        int last = 0;
        for (int i = 0; i < 4; i++) {
            last = given().when().get("/public/incidents/report").then().extract().statusCode();
        }
        assertEquals(429, last);
        given().when().get("/public/incidents/report").then().statusCode(429).header("Retry-After", notNullValue())
                .contentType("application/problem+json");
    }
}
