package org.gdprsuite.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * What the DPO adds to a reported breach for the Art. 33(3) notification (the console's details form, {@code PUT
 * .../details}) and the record of the notification itself, with the dates they must keep: a breach occurs before the
 * controller becomes aware of it, and the authority is told after that and not in the future.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class BreachDescriptionTest {

    @Test
    void theDetailsGivenReplaceWhatWasRecordedAndTheOthersStay() {
        String dpo = Tokens.of(DemoUser.DPO);
        Instant aware = Instant.now().minus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String id = report(aware);

        Map<String, Object> details = new HashMap<>();
        details.put("nature", List.of("CONFIDENTIALITY", "INTEGRITY"));
        details.put("occurredAt", aware.minus(Duration.ofDays(2)).toString());
        details.put("dataCategories", List.of("contact details", "bank account"));
        details.put("approxSubjects", 340);
        details.put("approxRecords", 1200);
        details.put("likelyConsequences", "Fraudulent direct debits");
        details.put("measures", "Accounts locked; banks informed");
        details.put("dpoContact", "Data protection officer, dpo@controller.example");
        describe(dpo, id, details)
                .statusCode(200)
                .body("title", equalTo("Spreadsheet sent to a supplier"))
                .body("description", equalTo("A spreadsheet with customers went to the wrong supplier"))
                .body("nature", equalTo(List.of("CONFIDENTIALITY", "INTEGRITY")))
                .body("awareAt", equalTo(aware.toString()))
                .body("notifyBy", equalTo(aware.plus(Duration.ofHours(72)).toString()));

        // Later on, only the measures change: what was recorded before stays.
        describe(dpo, id, Map.of("measures", "Accounts locked; banks informed; supplier deleted the file"))
                .statusCode(200);
        given().auth()
                .oauth2(dpo)
                .accept(ContentType.JSON)
                .when()
                .get("/api/incidents/" + id + "/authority-report")
                .then()
                .statusCode(200)
                .body("occurredAt", equalTo(aware.minus(Duration.ofDays(2)).toString()))
                .body("dataCategories", equalTo(List.of("contact details", "bank account")))
                .body("approxSubjects", equalTo(340))
                .body("approxRecords", equalTo(1200))
                .body("likelyConsequences", equalTo("Fraudulent direct debits"))
                .body("measures", equalTo("Accounts locked; banks informed; supplier deleted the file"))
                .body("dpoContact", equalTo("Data protection officer, dpo@controller.example"));
        given().auth()
                .oauth2(dpo)
                .when()
                .get("/api/incidents/" + id + "/timeline")
                .then()
                .statusCode(200)
                .body("action", equalTo(List.of("reported", "described", "described")))
                .body("actor[1]", equalTo("dpo"));
    }

    @Test
    void aDescriptionWhoseDatesCannotBeIsAProblemAndChangesNothing() {
        String dpo = Tokens.of(DemoUser.DPO);
        Instant aware = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String id = report(aware);

        // Occurred after the awareness recorded at the report.
        describe(dpo, id, Map.of("occurredAt", aware.plus(Duration.ofHours(1)).toString(), "measures", "x"))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://gdpr-suite.org/problems/occurred-after-awareness"));
        // Both given, in the wrong order.
        describe(
                        dpo,
                        id,
                        Map.of(
                                "occurredAt",
                                aware.toString(),
                                "awareAt",
                                aware.minus(Duration.ofHours(1)).toString()))
                .statusCode(400)
                .contentType("application/problem+json");
        // Aware in the future.
        describe(
                        dpo,
                        id,
                        Map.of(
                                "awareAt",
                                Instant.now().plus(Duration.ofHours(1)).toString()))
                .statusCode(400)
                .contentType("application/problem+json");
        // A negative number of persons.
        describe(dpo, id, Map.of("approxSubjects", -1))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(endsWith("approxSubjects")));

        given().auth()
                .oauth2(dpo)
                .when()
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200)
                .body("occurredAt", nullValue())
                .body("measures", nullValue())
                .body("approxSubjects", nullValue())
                .body("awareAt", equalTo(aware.toString()));
        given().auth()
                .oauth2(dpo)
                .when()
                .get("/api/incidents/" + id + "/timeline")
                .then()
                .body("action", not(hasItem("described")));
    }

    @Test
    void theAuthorityIsNotifiedAfterTheAwarenessAndNotInTheFuture() {
        String dpo = Tokens.of(DemoUser.DPO);
        Instant aware = Instant.now().minus(30, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String id = report(aware);
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("status", "TRIAGED"))
                .when()
                .post("/api/incidents/" + id + "/status")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("likelihood", "LIKELY", "severity", "HIGH", "rationale", "Bank accounts readable"))
                .when()
                .post("/api/incidents/" + id + "/assessment")
                .then()
                .statusCode(200);

        notify(
                        dpo,
                        id,
                        Map.of(
                                "reference",
                                "SA-9",
                                "notifiedAt",
                                aware.minus(Duration.ofMinutes(1)).toString()))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://gdpr-suite.org/problems/notification-before-awareness"));
        notify(
                        dpo,
                        id,
                        Map.of(
                                "reference",
                                "SA-9",
                                "notifiedAt",
                                Instant.now().plus(Duration.ofHours(2)).toString()))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://gdpr-suite.org/problems/notification-in-the-future"));
        notify(dpo, id, Map.of("notifiedAt", aware.plus(Duration.ofHours(1)).toString()))
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(dpo).when().get("/api/incidents/" + id).then().body("authorityNotifiedAt", nullValue());

        Instant told = aware.plus(Duration.ofHours(26));
        notify(dpo, id, Map.of("reference", "SA-2026-0042", "notifiedAt", told.toString()))
                .statusCode(200)
                .body("authorityNotifiedAt", equalTo(told.toString()))
                .body("authorityReference", equalTo("SA-2026-0042"))
                .body("authorityDelayReason", nullValue());
        given().auth()
                .oauth2(dpo)
                .accept(ContentType.JSON)
                .when()
                .get("/api/incidents/" + id + "/authority-report")
                .then()
                .body("notifiedAt", equalTo(told.toString()));
    }

    private static String report(Instant awareAt) {
        return given().auth()
                .oauth2(Tokens.of(DemoUser.SUPPORT))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Spreadsheet sent to a supplier",
                        "nature",
                        List.of("CONFIDENTIALITY"),
                        "description",
                        "A spreadsheet with customers went to the wrong supplier",
                        "awareAt",
                        awareAt.toString()))
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static ValidatableResponse describe(String token, String id, Map<String, Object> details) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(details)
                .when()
                .put("/api/incidents/" + id + "/details")
                .then();
    }

    private static ValidatableResponse notify(String token, String id, Map<String, Object> notification) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(notification)
                .when()
                .post("/api/incidents/" + id + "/authority-notification")
                .then();
    }
}
