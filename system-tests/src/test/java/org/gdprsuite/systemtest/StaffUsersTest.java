package org.gdprsuite.systemtest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Staff users on the whole suite (issue 24): what a user did is recorded under their opaque username in every
 * service (consent ledger, breach register timeline, gateway access log); once their access has ended, those
 * records still resolve through the gateway's staff directory to their id, name and last role, and to nothing
 * else.
 */
class StaffUsersTest extends SystemTest {

    /** A user made by the admin in this run, signed in with a password of their own. */
    private record Staff(UUID id, String username, String email, String password, String token) {}

    @Test
    void whatATerminatedUserRecordedStillResolvesToTheirName() {
        UUID person = createPerson("Lena", "Ledger", uniqueEmail("lena"), Map.of());
        awaitKnownToConsents(person);
        Staff user = staffUser("Greta", "Gone", "support");

        // Through the gateway as that user: a read of personal data, a ledger record, a breach report.
        given().baseUri(suite.gateway())
                .auth()
                .oauth2(user.token())
                .get("/api/contacts/persons/" + person)
                .then()
                .statusCode(200);
        given().baseUri(suite.gateway())
                .auth()
                .oauth2(user.token())
                .contentType(ContentType.JSON)
                .body(Map.of("source", "EMAIL"))
                .post("/api/consents/persons/" + person + "/purposes/" + NEWSLETTER + "/withdrawal")
                .then()
                .statusCode(201)
                .body("recordedBy", equalTo(user.username()));
        String incident = given().baseUri(suite.gateway())
                .auth()
                .oauth2(user.token())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title", "Laptop lost", "nature", List.of("CONFIDENTIALITY"), "description", "On the train"))
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        as(DemoUser.ADMIN)
                .post("/api/staff/" + user.id() + "/termination")
                .then()
                .statusCode(200)
                .body("active", equalTo(false));

        List<String> ledgerNames = as(DemoUser.DPO)
                .get("/api/consents/persons/" + person + "/purposes/" + NEWSLETTER + "/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.recordedBy");
        String timelineName = as(DemoUser.DPO)
                .get("/api/incidents/" + incident + "/timeline")
                .then()
                .statusCode(200)
                .extract()
                .path("actor[0]");
        assertTrue(ledgerNames.contains(user.username()), "the ledger names the user by username: " + ledgerNames);
        assertEquals(user.username(), timelineName, "so does the breach register's timeline");
        for (String named : List.of(user.username(), timelineName)) {
            as(DemoUser.DPO)
                    .queryParam("username", named)
                    .get("/api/staff")
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(1))
                    .body("items[0].id", equalTo(user.id().toString()))
                    .body("items[0].firstName", equalTo("Greta"))
                    .body("items[0].lastName", equalTo("Gone"))
                    .body("items[0].role", equalTo("support"))
                    .body("items[0].active", equalTo(false));
        }
        as(DemoUser.DPO)
                .get("/api/staff/" + user.id())
                .then()
                .statusCode(200)
                .body("lastName", equalTo("Gone"))
                .body("terminatedBy", equalTo("admin"));
        eventually()
                .atMost(Duration.ofSeconds(30))
                .until(() -> as(DemoUser.DPO)
                        .queryParam("principal", user.username())
                        .queryParam("personId", person.toString())
                        .get("/api/access-log")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.principalName")
                        .contains("Greta Gone"));
    }

    @Test
    void aUserSeesTheirProfileChoosesTheNewsletterAndEndsTheirOwnAccess() {
        Staff user = staffUser("Petra", "Profile", "marketing");
        given().baseUri(suite.gateway())
                .auth()
                .oauth2(user.token())
                .get("/api/staff/me")
                .then()
                .statusCode(200)
                .body("id", equalTo(user.id().toString()))
                .body("firstName", equalTo("Petra"))
                .body("email", equalTo(user.email()))
                .body("role", equalTo("marketing"))
                .body("consentConfirmedBy", equalTo("admin"))
                .body("newsletter", equalTo(false));
        given().baseUri(suite.gateway())
                .auth()
                .oauth2(user.token())
                .contentType(ContentType.JSON)
                .body(Map.of("subscribed", true))
                .put("/api/staff/me/newsletter")
                .then()
                .statusCode(200)
                .body("newsletter", equalTo(true));

        given().baseUri(suite.gateway())
                .auth()
                .oauth2(user.token())
                .contentType(ContentType.JSON)
                .body(Map.of("confirmed", true))
                .post("/api/staff/me/termination")
                .then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("terminatedBy", equalTo(user.username()));

        int refused = tokenCall(signIn(user.username(), user.password())).statusCode();
        assertTrue(refused == 400 || refused == 401, "sign-in refused after termination: " + refused);
        as(DemoUser.DPO)
                .get("/api/staff/" + user.id())
                .then()
                .statusCode(200)
                .body("firstName", equalTo("Petra"))
                .body("lastName", equalTo("Profile"))
                .body("role", equalTo("marketing"))
                .body("active", equalTo(false))
                .body("$", not(hasKey("email")));
    }

    /** Created by the admin (consent confirmed), first password replaced as at the first login, signed in. */
    private static Staff staffUser(String firstName, String lastName, String role) {
        String email = uniqueEmail(firstName.toLowerCase());
        JsonPath created = as(DemoUser.ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "firstName", firstName,
                        "lastName", lastName,
                        "email", email,
                        "role", role,
                        "consentConfirmed", true))
                .post("/api/staff")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        UUID id = UUID.fromString(created.getString("user.id"));
        String username = created.getString("user.username");
        String password = "Chosen-" + UUID.randomUUID();
        // The first login's required action, done as Keycloak's own page would: a password of the user's own.
        String admin = "Bearer "
                + realmToken(Map.of(
                        "grant_type", "client_credentials",
                        "client_id", "gateway-staff",
                        "client_secret", "gateway-staff-secret"));
        String users = Tokens.REALM_URL.replace("/realms/", "/admin/realms/") + "/users/" + id;
        given().header("Authorization", admin)
                .contentType(ContentType.JSON)
                .body(Map.of("type", "password", "temporary", false, "value", password))
                .put(users + "/reset-password")
                .then()
                .statusCode(204);
        given().header("Authorization", admin)
                .contentType(ContentType.JSON)
                .body(Map.of("requiredActions", List.of()))
                .put(users)
                .then()
                .statusCode(204);
        return new Staff(id, username, email, password, realmToken(signIn(username, password)));
    }

    private static Map<String, String> signIn(String username, String password) {
        return Map.of(
                "grant_type",
                "password",
                "client_id",
                Tokens.CLI_CLIENT,
                "username",
                username,
                "password",
                password,
                "scope",
                "openid");
    }

    private static String realmToken(Map<String, String> form) {
        return tokenCall(form).then().statusCode(200).extract().path("access_token");
    }

    private static Response tokenCall(Map<String, String> form) {
        return given().contentType(ContentType.URLENC)
                .formParams(form)
                .post(Tokens.REALM_URL + "/protocol/openid-connect/token");
    }
}
