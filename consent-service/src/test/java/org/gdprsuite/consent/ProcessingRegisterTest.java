package org.gdprsuite.consent;

import java.util.List;
import java.util.Map;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.gdprsuite.consent.ConsentFixtures.staff;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The record of processing activities (Art. 30(1)): the DPO writes the controller record and a purpose's entry,
 * each change a new version (who, when, which fields); the catalogue's facts (legal basis, retention) come with
 * the entry; the register is exported as JSON, CSV and a printable page; bad input is a problem.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class ProcessingRegisterTest {

    private static final String REGISTER = "/api/consents/register";

    /** Purposes of this run only: the register keeps every version, also those of earlier runs on the same stack. */
    private static final String RUN = java.util.UUID.randomUUID().toString().substring(0, 8);

    private static final String ROPA_CRM = "ropa-crm-" + RUN;
    private static final String ROPA_EXPORT = "ropa-export-" + RUN;
    private static final String ROPA_BAD = "ropa-bad-" + RUN;

    @Test
    void anEntryRoundTripsAndEveryChangeIsANewVersion() {
        purposeWithRetention(ROPA_CRM, "P3Y");
        Map<String, Object> first = activity(List.of(Map.of("name", "CRM hosting", "role", "processor")));
        put("/activities/" + ROPA_CRM, first, DemoUser.DPO)
                .statusCode(200)
                .body("version", equalTo(1))
                .body("changedBy", equalTo("dpo"))
                .body("legalBasis", equalTo("LEGITIMATE_INTERESTS"))
                .body("legalBasisArticle", equalTo("Art. 6(1)(f) GDPR"))
                .body("retentionPeriod", equalTo("P3Y"))
                .body("activity.personalDataCategories[0].classification", equalTo("PERSONAL"))
                .body("activity.transfers[0].safeguard", equalTo("Standard contractual clauses"));
        put("/activities/" + ROPA_CRM, first, DemoUser.ADMIN).statusCode(403);

        Map<String, Object> second = activity(
                List.of(Map.of("name", "CRM hosting", "role", "processor"), Map.of("name", "=HYPERLINK(\"x\")")));
        put("/activities/" + ROPA_CRM, second, DemoUser.DPO).statusCode(200).body("version", equalTo(2));

        get("/activities/" + ROPA_CRM, DemoUser.ADMIN)
                .statusCode(200)
                .body("version", equalTo(2))
                .body("activity.recipients.name", hasItem("=HYPERLINK(\"x\")"));
        get("/activities/" + ROPA_CRM + "/versions", DemoUser.DPO)
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.version", contains(2, 1))
                .body("items[0].changed", contains("recipients"))
                .body("items[0].changedBy", equalTo("dpo"))
                .body("items[1].document.recipients", org.hamcrest.Matchers.hasSize(1));
        get("/activities/" + ROPA_CRM, DemoUser.SALES).statusCode(403);
    }

    @Test
    void theControllerRecordIsVersionedToo() {
        Map<String, Object> controller = controller("dpo@example.org");
        int before =
                get("/controller/versions", DemoUser.DPO).extract().jsonPath().getInt("total");
        put("/controller", controller, DemoUser.DPO).statusCode(200).body("version", equalTo(before + 1));
        put("/controller", controller("privacy@example.org"), DemoUser.DPO)
                .statusCode(200)
                .body("version", equalTo(before + 2))
                .body("changed", contains("dpo"))
                .body("document.dpo.email", equalTo("privacy@example.org"));
        get("/controller", DemoUser.ADMIN).statusCode(200).body("document.name", equalTo("Example GmbH"));
    }

    @Test
    void theRegisterIsExportedAsJsonCsvAndAPrintablePage() {
        purposeWithRetention(ROPA_EXPORT, "P6M");
        put("/controller", controller("dpo@example.org"), DemoUser.DPO).statusCode(200);
        put("/activities/" + ROPA_EXPORT, activity(List.of(Map.of("name", "=cmd|' /C calc'!A0"))), DemoUser.DPO)
                .statusCode(200);

        get("", DemoUser.ADMIN)
                .statusCode(200)
                .body("controller.document.dpo.name", equalTo("Dana Officer"))
                .body("activities.find { it.purpose == '" + ROPA_EXPORT + "' }.retentionPeriod", equalTo("P6M"))
                .body(
                        "activities.find { it.purpose == '" + ROPA_EXPORT + "' }.activity.securityMeasures",
                        hasItem("<b>TLS</b>"));

        String csv = given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get(REGISTER + "/export.csv")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        String[] lines = csv.split("\r\n");
        org.junit.jupiter.api.Assertions.assertTrue(lines[0].startsWith("purpose,name,description,legal basis"));
        String row = java.util.Arrays.stream(lines)
                .filter(l -> l.startsWith(ROPA_EXPORT + ","))
                .findFirst()
                .orElseThrow();
        org.junit.jupiter.api.Assertions.assertTrue(row.contains("'=cmd|"), row);
        org.junit.jupiter.api.Assertions.assertTrue(row.contains(",P6M,"), row);
        org.junit.jupiter.api.Assertions.assertTrue(row.contains("Example GmbH"), row);

        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get(REGISTER + "/export.html")
                .then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .body(containsString("Record of processing activities"))
                .body(containsString("id=\"activity-" + ROPA_EXPORT + "\""))
                .body(containsString("&lt;b&gt;TLS&lt;/b&gt;"))
                .body(not(containsString("<b>TLS</b>")))
                .body(containsString("Dana Officer"));
        given().auth()
                .oauth2(staff(DemoUser.MARKETING))
                .when()
                .get(REGISTER + "/export.csv")
                .then()
                .statusCode(403);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        purposeWithRetention(ROPA_BAD, "P1Y");
        Map<String, Object> badClass =
                Map.of("personalDataCategories", List.of(Map.of("name", "x", "classification", "SECRET")));
        Map<String, Object> noSafeguard =
                Map.of("transfers", List.of(Map.of("country", "US", "recipient", "Cloud Inc.")));
        Map<String, Object> badCountry =
                Map.of("transfers", List.of(Map.of("country", "usa", "recipient", "Cloud Inc.", "safeguard", "SCC")));
        for (Map<String, Object> bad : List.of(badClass, noSafeguard, badCountry)) {
            put("/activities/" + ROPA_BAD, bad, DemoUser.DPO).statusCode(400).contentType("application/problem+json");
        }
        get("/activities/" + ROPA_BAD, DemoUser.DPO).statusCode(200).body("version", equalTo(0));
        put("/activities/no-such-purpose", activity(List.of()), DemoUser.DPO)
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://gdpr-suite.org/problems/purpose-not-found"));
        put("/controller", Map.of("name", "No DPO"), DemoUser.DPO)
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private static Map<String, Object> activity(List<Map<String, String>> recipients) {
        return Map.of(
                "dataSubjectCategories", List.of("customers", "prospects"),
                "personalDataCategories",
                        List.of(
                                Map.of(
                                        "name",
                                        "contact details",
                                        "classification",
                                        "PERSONAL",
                                        "fields",
                                        List.of("email", "phone")),
                                Map.of(
                                        "name",
                                        "bank details",
                                        "classification",
                                        "SENSITIVE",
                                        "fields",
                                        List.of("bankAccount"))),
                "recipients", recipients,
                "transfers",
                        List.of(Map.of(
                                "country",
                                "US",
                                "recipient",
                                "Mail Inc.",
                                "safeguard",
                                "Standard contractual clauses")),
                "securityMeasures", List.of("<b>TLS</b>", "encryption of sensitive fields at rest"));
    }

    private static Map<String, Object> controller(String dpoEmail) {
        return Map.of(
                "name", "Example GmbH",
                "address", "Hauptstr. 1, 10115 Berlin",
                "email", "info@example.org",
                "dpo", Map.of("name", "Dana Officer", "email", dpoEmail));
    }

    private static void purposeWithRetention(String key, String retention) {
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Purpose " + key,
                        "consentRequired",
                        false,
                        "defaultLegalBasis",
                        "LEGITIMATE_INTERESTS",
                        "retentionPeriod",
                        retention,
                        "dataCategories",
                        List.of("contact details")))
                .when()
                .put("/api/consents/purposes/" + key)
                .then()
                .statusCode(200);
    }

    private static ValidatableResponse put(String path, Object body, DemoUser user) {
        return given().auth()
                .oauth2(staff(user))
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .put(REGISTER + path)
                .then();
    }

    private static ValidatableResponse get(String path, DemoUser user) {
        return given().auth().oauth2(staff(user)).when().get(REGISTER + path).then();
    }
}
