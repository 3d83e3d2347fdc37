package org.gdprsuite.erasure;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.Tokens;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Staff calls the tests share: taking a request and reading its audit trail. */
final class Requests {

    private Requests() {}

    /** {@code POST /api/requests} as this user, whatever it answers. */
    static Response post(DemoUser user, Map<String, Object> body) {
        return given().auth()
                .oauth2(Tokens.of(user))
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/requests");
    }

    /** A request taken (201); its id. */
    static UUID create(DemoUser user, Map<String, Object> body) {
        return UUID.fromString(post(user, body).then().statusCode(201).extract().path("id"));
    }

    /** The actions of a request's audit trail, oldest first. */
    static List<String> audit(UUID id) {
        return audit(given().auth().oauth2(Tokens.of(DemoUser.DPO)), id);
    }

    /** As {@link #audit(UUID)}, asked as the DPO through this specification (e.g. of a service run apart). */
    static List<String> audit(RequestSpecification asDpo, UUID id) {
        return asDpo.when()
                .get("/api/requests/" + id + "/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.action");
    }
}
