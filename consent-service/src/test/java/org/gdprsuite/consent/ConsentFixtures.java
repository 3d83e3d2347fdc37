package org.gdprsuite.consent;

import java.util.Map;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.Tokens;

import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;

/** Setting up the catalogue through the API, as a DPO would. */
final class ConsentFixtures {

    private ConsentFixtures() {}

    static void purpose(String key, boolean consentRequired, String defaultBasis, Integer validityDays) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "name",
                "Purpose " + key,
                "consentRequired",
                consentRequired,
                "dataCategories",
                java.util.List.of("contact details")));
        if (defaultBasis != null) {
            body.put("defaultLegalBasis", defaultBasis);
        }
        if (validityDays != null) {
            body.put("consentValidityDays", validityDays);
        }
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/api/consents/purposes/" + key)
                .then()
                .statusCode(200);
    }

    static String staff(DemoUser user) {
        return Tokens.of(user);
    }
}
