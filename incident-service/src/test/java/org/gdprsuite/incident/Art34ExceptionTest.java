package org.gdprsuite.incident;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Art. 34(3) through the API: a high-risk breach with a documented exception is notified to the authority
 * but not to the persons, and closes without their notices; the exception is refused for a lesser risk.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class Art34ExceptionTest {

    private static final String PROBLEMS = "https://gdpr-suite.org/problems/";

    @Test
    void aHighRiskBreachWithAnExceptionIsNotToldToThePersonsAndClosesWithoutTheirNotices() {
        String dpo = Tokens.of(DemoUser.DPO);
        String id = triagedBreach(dpo);
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("personIds", List.of(UUID.randomUUID())))
                .when()
                .post("/api/incidents/" + id + "/affected-persons")
                .then()
                .statusCode(200);

        assess(
                        dpo,
                        id,
                        "ALMOST_CERTAIN",
                        "VERY_HIGH",
                        "DATA_UNINTELLIGIBLE",
                        "The laptop's disk was encrypted (AES-256)")
                .then()
                .statusCode(200)
                .body("risk", equalTo("HIGH_RISK"))
                .body("art34Exception", equalTo("DATA_UNINTELLIGIBLE"))
                .body("subjectNotificationRequired", equalTo(false))
                .body("authorityNotificationRequired", equalTo(true));
        given().auth()
                .oauth2(dpo)
                .when()
                .post("/api/incidents/" + id + "/subject-notifications")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "subject-notification-not-required"));

        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("reference", "SA-34-3"))
                .when()
                .post("/api/incidents/" + id + "/authority-notification")
                .then()
                .statusCode(200);
        status(dpo, id, "CONTAINED").then().statusCode(200);
        status(dpo, id, "CLOSED").then().statusCode(200);
        given().auth()
                .oauth2(dpo)
                .accept(ContentType.JSON)
                .when()
                .get("/api/incidents/" + id + "/authority-report")
                .then()
                .statusCode(200)
                .body("art34Exception", equalTo("DATA_UNINTELLIGIBLE"))
                .body("subjectsNotified", equalTo(false));
    }

    @Test
    void withoutTheExceptionTheSameBreachCannotCloseBeforeThePersonsAreTold() {
        String dpo = Tokens.of(DemoUser.DPO);
        String id = triagedBreach(dpo);
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("personIds", List.of(UUID.randomUUID())))
                .when()
                .post("/api/incidents/" + id + "/affected-persons")
                .then()
                .statusCode(200);
        assess(dpo, id, "ALMOST_CERTAIN", "VERY_HIGH", null, null)
                .then()
                .statusCode(200)
                .body("subjectNotificationRequired", equalTo(true));
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("reference", "SA-34-1"))
                .when()
                .post("/api/incidents/" + id + "/authority-notification")
                .then()
                .statusCode(200);
        status(dpo, id, "CONTAINED").then().statusCode(200);
        status(dpo, id, "CLOSED").then().statusCode(409).body("type", equalTo(PROBLEMS + "subjects-not-notified"));
    }

    @Test
    void anExceptionNeedsAHighRiskAndADocumentedReason() {
        String dpo = Tokens.of(DemoUser.DPO);
        String id = triagedBreach(dpo);
        assess(dpo, id, "LIKELY", "LOW", "DISPROPORTIONATE_EFFORT", "Millions of addresses, a public notice instead")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "art34-exception-not-high-risk"));
        assess(dpo, id, "ALMOST_CERTAIN", "VERY_HIGH", "RISK_NO_LONGER_LIKELY", null)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(dpo)
                .when()
                .get("/api/incidents/" + id + "/timeline")
                .then()
                .body("action", equalTo(List.of("reported", "triaged")));
    }

    private static String triagedBreach(String dpo) {
        String id = given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Stolen laptop",
                        "nature",
                        List.of("CONFIDENTIALITY"),
                        "description",
                        "A laptop with the customer database was stolen",
                        "awareAt",
                        Instant.now().minus(3, ChronoUnit.HOURS).toString()))
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        status(dpo, id, "TRIAGED").then().statusCode(200);
        return id;
    }

    private static Response status(String token, String id, String status) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("status", status))
                .when()
                .post("/api/incidents/" + id + "/status");
    }

    private static Response assess(
            String token, String id, String likelihood, String severity, String exception, String reason) {
        Map<String, String> body = new HashMap<>(
                Map.of("likelihood", likelihood, "severity", severity, "rationale", "Assessed by the DPO"));
        if (exception != null) {
            body.put("art34Exception", exception);
        }
        if (reason != null) {
            body.put("art34ExceptionReason", reason);
        }
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/incidents/" + id + "/assessment");
    }
}
