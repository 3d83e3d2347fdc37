package org.gdprsuite.gateway;

import java.io.IOException;
import java.net.URL;
import java.util.Map;

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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A personal-data call is served only with a place in the access log: when every place is taken (entries
 * not yet written), the next such call is refused with a problem 503 and Retry-After, not served unlogged.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
@WithTestResource(SilentService.class)
@TestProfile(AccessLogFullTest.OnePlace.class)
class AccessLogFullTest {

    public static class OnePlace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // One place, held by a call the silent service never answers (and the gateway never times out).
            return Map.of("gdpr.gateway.access-log.capacity", "1", "gdpr.gateway.timeout", "PT5M");
        }
    }

    @TestHTTPResource("/")
    URL gateway;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void aFullAccessLogRefusesPersonalDataCallsWith503() throws IOException {
        String token = Tokens.of(DemoUser.DPO);
        try (HeldCall call = HeldCall.open(gateway, "/api/requests", token, null)) {
            awaitPending(1);

            given().auth()
                    .oauth2(token)
                    .when()
                    .get("/api/requests")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("status", equalTo(503))
                    .body("detail", containsString("access log"));
        }
        // The caller left: its entry is written and the place is free again.
        awaitPending(0);
    }

    private void awaitPending(int pending) {
        HeldCall.awaitMetric(
                management,
                "gdpr_gateway_access_log_pending(\\{[^}]*\\})? " + pending + "\\.0",
                "the access log had " + pending + " pending entr(ies)");
    }
}
