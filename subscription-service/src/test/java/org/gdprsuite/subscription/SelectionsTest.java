package org.gdprsuite.subscription;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.gdprsuite.subscription.ReadModelRows.Person;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

import static org.gdprsuite.subscription.World.as;
import static org.gdprsuite.subscription.World.type;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Saved selections over the read models: counts evaluated in SQL, bad input as problems, roles. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class SelectionsTest {

    @Inject
    DataSource dataSource;

    @Test
    void aSelectionFiltersByCategoryConsentSubscriptionRestrictionAndCreation() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String category = "S" + suffix;
        String purpose = "sel-purpose-" + suffix;
        String typeKey = "sel-" + suffix;
        type(typeKey, purpose);
        ReadModelRows rows = new ReadModelRows(dataSource);
        List<Person> allowed = rows.persons(category, 4, "sel-a", false);
        List<Person> denied = rows.persons(category, 3, "sel-d", false);
        List<Person> restricted = rows.persons(category, 2, "sel-r", true);
        rows.consent(allowed, purpose, true, "");
        rows.consent(denied, purpose, false, "WITHDRAWN");
        rows.subscribe(allowed.subList(0, 2), typeKey, true);

        Map<String, Object> byConsent = Map.of(
                "categories", List.of(category), "consents", List.of(Map.of("purpose", purpose, "state", "ALLOWED")));
        preview(byConsent).body("persons", equalTo(4)).body("marketable", nullValue());
        preview(Map.of(
                        "categories",
                        List.of(category),
                        "consents",
                        List.of(Map.of("purpose", purpose, "state", "NOT_ALLOWED"))))
                .body("persons", equalTo(5))
                .body("restricted", equalTo(2))
                .body("informable", equalTo(3));
        preview(Map.of("categories", List.of(category), "subscribedTo", typeKey))
                .body("persons", equalTo(2));
        preview(Map.of("categories", List.of(category), "restricted", false)).body("persons", equalTo(7));
        preview(Map.of(
                        "categories",
                        List.of(category),
                        "createdFrom",
                        Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .body("persons", equalTo(0));

        String id = as(DemoUser.MARKETING)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Consented " + suffix, "criteria", byConsent))
                .post("/api/subscriptions/selections")
                .then()
                .statusCode(201)
                .body("criteria.consents[0].state", equalTo("ALLOWED"))
                .extract()
                .path("id");
        as(DemoUser.DPO)
                .queryParam("type", typeKey)
                .get("/api/subscriptions/selections/" + id + "/preview")
                .then()
                .statusCode(200)
                .body("persons", equalTo(4))
                .body("marketable", equalTo(2));
        as(DemoUser.MARKETING)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Consented " + suffix, "criteria", Map.of()))
                .post("/api/subscriptions/selections")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        as(DemoUser.ADMIN)
                .queryParam("size", 1)
                .get("/api/subscriptions/selections")
                .then()
                .statusCode(200)
                .body("size", equalTo(1))
                .body("items.size()", equalTo(1));
        as(DemoUser.MARKETING)
                .delete("/api/subscriptions/selections/" + id)
                .then()
                .statusCode(204);
        as(DemoUser.MARKETING)
                .get("/api/subscriptions/selections/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aSelectionFiltersByCountryOrganisationSourceAndLastActivity() {
        String category = "F" + UUID.randomUUID().toString().substring(0, 8);
        UUID organisation = UUID.randomUUID();
        ReadModelRows rows = new ReadModelRows(dataSource);
        List<Person> german = rows.persons(category, 3, "sel-de", false);
        List<Person> austrian = rows.persons(category, 2, "sel-at", false);
        rows.persons(category, 1, "sel-none", false); // of no known country, organisation or source
        facts(rows, german, "DE", organisation, "fair-2026");
        facts(rows, austrian.subList(0, 1), "AT", organisation, "legacy-crm");
        facts(rows, austrian.subList(1, 2), "AT", null, "fair-2026");

        preview(Map.of("categories", List.of(category), "countries", List.of("DE")))
                .body("persons", equalTo(3));
        preview(Map.of("categories", List.of(category), "countries", List.of("DE", "AT")))
                .body("persons", equalTo(5));
        preview(Map.of("categories", List.of(category), "organisations", List.of(organisation.toString())))
                .body("persons", equalTo(4));
        preview(Map.of("categories", List.of(category), "sources", List.of("fair-2026")))
                .body("persons", equalTo(4));
        preview(Map.of(
                        "categories", List.of(category),
                        "countries", List.of("AT"),
                        "organisations", List.of(organisation.toString()),
                        "sources", List.of("legacy-crm")))
                .body("persons", equalTo(1));
        preview(Map.of("categories", List.of(category))).body("persons", equalTo(6));
        rows.execute(
                "UPDATE contact_read_model SET last_activity_at = now() - interval '400 days' WHERE person_id = ?",
                german.get(0).id());
        rows.execute(
                "UPDATE contact_read_model SET last_activity_at = now() - interval '2 days' WHERE person_id = ?",
                german.get(1).id());
        String yearAgo = Instant.now().minus(365, ChronoUnit.DAYS).toString();
        preview(Map.of("categories", List.of(category), "activeFrom", yearAgo)).body("persons", equalTo(1));
        preview(Map.of("categories", List.of(category), "activeBefore", yearAgo))
                .body("persons", equalTo(1)); // who never had an activity is not "inactive since"
    }

    private static void facts(
            ReadModelRows rows, List<Person> persons, String country, UUID organisation, String source) {
        for (Person person : persons) {
            rows.execute(
                    "UPDATE contact_read_model SET country = ?, source = ? WHERE person_id = ?",
                    country,
                    source,
                    person.id());
            if (organisation != null) {
                rows.execute(
                        "UPDATE contact_read_model SET organisation_id = ? WHERE person_id = ?",
                        organisation,
                        person.id());
            }
        }
    }

    @Test
    void aCountryThatIsNoIsoCodeOrAnOrganisationThatIsNoIdIsAProblem() {
        as(DemoUser.MARKETING)
                .contentType(ContentType.JSON)
                .body(Map.of("countries", List.of("Germany")))
                .post("/api/subscriptions/selections/preview")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        as(DemoUser.MARKETING)
                .contentType(ContentType.JSON)
                .body(Map.of("organisations", List.of("acme")))
                .post("/api/subscriptions/selections/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void badInputIsAProblemAndSalesMayNotSelect() {
        as(DemoUser.MARKETING)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "createdFrom", "2026-02-01T00:00:00Z",
                        "createdBefore", "2026-01-01T00:00:00Z"))
                .post("/api/subscriptions/selections/preview")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        as(DemoUser.MARKETING)
                .contentType(ContentType.JSON)
                .body(Map.of("consents", List.of(Map.of("purpose", "x", "state", "MAYBE"))))
                .post("/api/subscriptions/selections/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        as(DemoUser.MARKETING)
                .contentType(ContentType.JSON)
                .body(Map.of("subscribedTo", "no-such-type"))
                .post("/api/subscriptions/selections/preview")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(DemoUser.SALES)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/subscriptions/selections/preview")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    private static io.restassured.response.ValidatableResponse preview(Map<String, Object> criteria) {
        return as(DemoUser.MARKETING)
                .contentType(ContentType.JSON)
                .body(criteria)
                .post("/api/subscriptions/selections/preview")
                .then()
                .statusCode(200);
    }
}
