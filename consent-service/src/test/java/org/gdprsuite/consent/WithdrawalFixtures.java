package org.gdprsuite.consent;

import java.util.Map;
import java.util.UUID;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.Tokens;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;

/** A person with consents to withdraw, and what the ledger then says, for the withdrawal page's tests. */
final class WithdrawalFixtures {

    private WithdrawalFixtures() {}

    /** The person consents to {@code purpose} (as staff record a consent given in a web form). */
    static void grant(UUID person, String purpose, String legalBasis) {
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of("legalBasis", legalBasis, "status", "GRANTED", "source", "WEB_FORM", "channel", "web"))
                .when()
                .post("/api/consents/persons/" + person + "/purposes/" + purpose)
                .then()
                .statusCode(201);
    }

    /** The person × purpose's ledger, oldest first: {@code items} of record views. */
    static JsonPath history(UUID person, String purpose) {
        return given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/consents/persons/" + person + "/purposes/" + purpose + "/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
