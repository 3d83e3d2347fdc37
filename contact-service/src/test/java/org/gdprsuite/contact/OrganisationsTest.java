package org.gdprsuite.contact;

import java.util.Map;
import java.util.UUID;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Organisations are a growing list: paged by name like every other list, and searchable by name. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class OrganisationsTest {

    private static RequestSpecification as(DemoUser user) {
        return given().auth().oauth2(Tokens.of(user));
    }

    private static void create(String name) {
        as(DemoUser.SALES)
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "website", "https://example.org"))
                .post("/api/contacts/organisations")
                .then()
                .statusCode(201)
                .body("name", equalTo(name));
    }

    @Test
    void theListIsPagedByNameAndNarrowedByAPartOfTheName() {
        String tag = "org-" + UUID.randomUUID().toString().substring(0, 8);
        create(tag + " Charlie");
        create(tag + " alpha");
        create(tag + " Bravo");

        as(DemoUser.MARKETING)
                .queryParam("name", tag.toUpperCase())
                .queryParam("size", 2)
                .get("/api/contacts/organisations")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("items.name", contains(tag + " alpha", tag + " Bravo"));
        as(DemoUser.MARKETING)
                .queryParam("name", tag)
                .queryParam("size", 2)
                .queryParam("page", 1)
                .get("/api/contacts/organisations")
                .then()
                .statusCode(200)
                .body("items.name", contains(tag + " Charlie"));
    }

    @Test
    void wildcardsInTheSearchAreTakenLiterally() {
        String tag = "org-" + UUID.randomUUID().toString().substring(0, 8);
        create(tag + " 100% Pure");
        create(tag + " 1000 Pure");

        as(DemoUser.SALES)
                .queryParam("name", tag + " 100%")
                .get("/api/contacts/organisations")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].name", equalTo(tag + " 100% Pure"));
    }

    @Test
    void aPageOutOfRangeIsAProblem() {
        as(DemoUser.SALES)
                .queryParam("size", 501)
                .get("/api/contacts/organisations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
