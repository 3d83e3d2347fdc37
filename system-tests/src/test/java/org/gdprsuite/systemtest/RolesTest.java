package org.gdprsuite.systemtest;

import java.util.Map;
import java.util.UUID;

import org.gdprsuite.testsupport.DemoUser;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** Privacy by default through the gateway: each role sees and does only what the role matrix grants. */
class RolesTest extends SystemTest {

    @Test
    void marketingSeesNoSensitiveFieldsAndCannotApproveRequestsSalesCannotBuildAudiences() {
        String email = uniqueEmail("amara.okafor");
        // Only roles that may see sensitive fields may write them: finance records the bank details.
        UUID person = UUID.fromString(as(DemoUser.FINANCE)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "firstName",
                        "Amara",
                        "lastName",
                        "Okafor",
                        "email",
                        email,
                        "birthDate",
                        "1984-05-17",
                        "bankAccount",
                        "DE89370400440532013000"))
                .when()
                .post("/api/contacts/persons")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        as(DemoUser.SALES)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "firstName",
                        "Amara",
                        "lastName",
                        "Okafor",
                        "email",
                        uniqueEmail("amara"),
                        "birthDate",
                        "1984-05-17"))
                .when()
                .post("/api/contacts/persons")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");

        as(DemoUser.FINANCE)
                .when()
                .get("/api/contacts/persons/" + person)
                .then()
                .statusCode(200)
                .body("birthDate", equalTo("1984-05-17"))
                .body("bankAccount", equalTo("DE89370400440532013000"));
        as(DemoUser.MARKETING)
                .when()
                .get("/api/contacts/persons/" + person)
                .then()
                .statusCode(200)
                .body("email", equalTo(email))
                .body("$", not(hasKey("birthDate")))
                .body("$", not(hasKey("bankAccount")));
        as(DemoUser.MARKETING)
                .queryParam("email", email)
                .when()
                .get("/api/contacts/persons")
                .then()
                .statusCode(200)
                .body("items[0]", not(hasKey("birthDate")))
                .body("items[0]", not(hasKey("bankAccount")));

        String request = as(DemoUser.SUPPORT)
                .contentType(ContentType.JSON)
                .body(Map.of("type", "ACCESS", "email", email))
                .when()
                .post("/api/requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(DemoUser.MARKETING)
                .when()
                .post("/api/requests/" + request + "/approval")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        as(DemoUser.SUPPORT)
                .when()
                .post("/api/requests/" + request + "/approval")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        as(DemoUser.DPO)
                .when()
                .get("/api/requests/" + request)
                .then()
                .statusCode(200)
                .body("approvedAt", equalTo(null));

        as(DemoUser.SALES)
                .when()
                .get("/api/subscriptions/types/" + PRODUCT_NEWS + "/audience")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        as(DemoUser.SALES)
                .contentType(ContentType.JSON)
                .body(Map.of("subject", "Hello", "text", "Buy now"))
                .when()
                .post("/api/subscriptions/types/" + PRODUCT_NEWS + "/mailings")
                .then()
                .statusCode(403);
        anonymous().when().get("/api/contacts/persons/" + person).then().statusCode(401);
    }
}
