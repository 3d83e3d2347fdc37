package org.gdprsuite.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The realm imported from stack/keycloak/gdpr-suite-realm.json, checked against the real Keycloak. */
class RealmTest {

    private static final String TOKEN_URL = Tokens.REALM_URL + "/protocol/openid-connect/token";

    @BeforeAll
    static void stackIsUp() {
        SuiteStack.ensureRunning();
    }

    @Test
    void everyDemoUserGetsATokenWithItsRoleForTheSuiteAudience() throws Exception {
        for (DemoUser user : DemoUser.values()) {
            JsonNode claims = claims(Tokens.of(user));
            assertEquals(Tokens.REALM_URL, claims.path("iss").asText());
            assertTrue(claims.path("aud").toString().contains("\"gdpr-suite\""), user + " aud " + claims.path("aud"));
            assertTrue(claims.path("realm_access").path("roles").toString().contains("\"" + user.username() + "\""));
        }
    }

    @Test
    void theIntegrationClientGetsItsRoleByClientCredentials() throws Exception {
        JsonNode claims = claims(Tokens.integration());
        assertTrue(claims.path("realm_access").path("roles").toString().contains("\"integration\""));
        assertTrue(claims.path("aud").toString().contains("\"gdpr-suite\""));
    }

    @Test
    void dpoAndAdminNeedTheirSecondFactor() {
        for (DemoUser user : List.of(DemoUser.DPO, DemoUser.ADMIN)) {
            given().formParams(Map.of(
                            "grant_type",
                            "password",
                            "client_id",
                            Tokens.CLI_CLIENT,
                            "username",
                            user.username(),
                            "password",
                            user.password()))
                    .when()
                    .post(TOKEN_URL)
                    .then()
                    .statusCode(400)
                    .body("error", equalTo("invalid_grant"));
        }
    }

    @Test
    void theFrontEndClientRefusesThePasswordGrant() {
        given().formParams(Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "gdpr-suite-ui",
                        "username",
                        "sales",
                        "password",
                        "sales-demo"))
                .when()
                .post(TOKEN_URL)
                .then()
                .statusCode(400)
                .body("error", equalTo("unauthorized_client"));
    }

    private static JsonNode claims(String jwt) throws Exception {
        String payload = jwt.split("\\.")[1];
        return new ObjectMapper().readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }
}
