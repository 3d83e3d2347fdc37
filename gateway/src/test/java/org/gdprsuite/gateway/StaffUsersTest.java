package org.gdprsuite.gateway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.gdprsuite.gateway.domain.StaffUsers;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Staff users against the real Keycloak realm: created only with the person's consent confirmed, a first
 * password that must be replaced, no way to edit another user's email, and termination (by oneself or an
 * admin) that deletes the email, refuses sign-in, revokes sessions and keeps name, id and last role.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class StaffUsersTest {

    private static final String PROBLEM = "application/problem+json";
    private static final List<UUID> CREATED = new ArrayList<>();

    @Inject
    DataSource dataSource;

    @Inject
    StaffUsers staff;

    /** A user created in this run, and the email it was created with. */
    private record Made(UUID id, String username, String email, String temporaryPassword) {}

    @AfterAll
    static void removeTheAccountsOfThisRun() {
        CREATED.forEach(KeycloakRealm::delete);
    }

    @Test
    void withoutTheConsentConfirmationNoUserIsCreated() {
        String email = email();
        for (String consent : List.of("", ", \"consentConfirmed\": false")) {
            given().auth()
                    .oauth2(Tokens.of(DemoUser.ADMIN))
                    .contentType(ContentType.JSON)
                    .body("{\"firstName\": \"Nora\", \"lastName\": \"Noconsent\", \"email\": \"" + email
                            + "\", \"role\": \"sales\"" + consent + "}")
                    .post("/api/staff")
                    .then()
                    .statusCode(422)
                    .contentType(PROBLEM)
                    .body("type", equalTo("https://gdpr-suite.org/problems/staff-consent-missing"));
        }
        assertEquals(0, KeycloakRealm.usersWithEmail(email).size(), "no account in Keycloak");
    }

    @Test
    void badInputIsAProblemAndOnlyAdminsCreate() {
        String valid = "{\"firstName\": \"Bo\", \"lastName\": \"Bad\", \"email\": \"" + email()
                + "\", \"role\": \"%s\", \"consentConfirmed\": true}";
        given().auth()
                .oauth2(Tokens.of(DemoUser.ADMIN))
                .contentType(ContentType.JSON)
                .body("{\"firstName\": \"Bo\", \"lastName\": \"\", \"email\": \"not-an-email\", \"role\": \"sales\","
                        + " \"consentConfirmed\": true}")
                .post("/api/staff")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(Tokens.of(DemoUser.ADMIN))
                .contentType(ContentType.JSON)
                .body(valid.formatted("integration"))
                .post("/api/staff")
                .then()
                .statusCode(422)
                .contentType(PROBLEM)
                .body("type", equalTo("https://gdpr-suite.org/problems/staff-role-unknown"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(valid.formatted("sales"))
                .post("/api/staff")
                .then()
                .statusCode(403)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(Tokens.of(DemoUser.ADMIN))
                .get("/api/staff/not-an-id")
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        for (String path : List.of("", "/termination", "/temporary-password")) {
            given().auth()
                    .oauth2(Tokens.of(DemoUser.ADMIN))
                    .request(path.isEmpty() ? "GET" : "POST", "/api/staff/" + UUID.randomUUID() + path)
                    .then()
                    .statusCode(404)
                    .contentType(PROBLEM)
                    .body("type", equalTo("https://gdpr-suite.org/problems/staff-user-not-found"));
        }
    }

    @Test
    void aCreatedUserHasTheConsentStoredAndMustChooseANewPasswordFirst() throws SQLException {
        Made user = create("Carla", "Created", "sales");

        Map<String, Object> stored = row(user.id());
        assertEquals("admin", stored.get("consent_confirmed_by"), "who confirmed the consent");
        assertNotNull(stored.get("consent_confirmed_at"), "when");
        assertEquals("sales", stored.get("role"));
        assertFalse(stored.containsValue(user.email()), "the gateway keeps no email");

        KeycloakRealm.Answer first = KeycloakRealm.signIn(user.username(), user.temporaryPassword());
        assertEquals(400, first.status());
        assertEquals(
                "Account is not fully set up",
                first.body().get("error_description").asText());
        assertTrue(has(KeycloakRealm.user(user.id()).get("requiredActions"), "UPDATE_PASSWORD"));
        assertTrue(has(names(KeycloakRealm.realmRoles(user.id())), "sales"));
    }

    @Test
    void noUserCanChangeAnotherUsersNameOrEmail() {
        Made user = create("Erin", "Edited", "sales");
        for (DemoUser caller : List.of(DemoUser.SALES, DemoUser.ADMIN)) {
            for (String method : List.of("PUT", "PATCH")) {
                given().auth()
                        .oauth2(Tokens.of(caller))
                        .contentType(ContentType.JSON)
                        .body("{\"email\": \"taken-over@example.test\", \"lastName\": \"Other\"}")
                        .request(method, "/api/staff/" + user.id())
                        .then()
                        .statusCode(405)
                        .contentType(PROBLEM);
            }
        }
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body("{\"role\": \"finance\"}")
                .put("/api/staff/" + user.id() + "/role")
                .then()
                .statusCode(403)
                .contentType(PROBLEM);
        JsonNode account = KeycloakRealm.user(user.id());
        assertEquals(user.email(), account.get("email").asText());
        assertEquals("Edited", account.get("lastName").asText());
    }

    @Test
    void anAdminChangesTheRole() {
        Made user = create("Rita", "Role", "sales");
        given().auth()
                .oauth2(Tokens.of(DemoUser.ADMIN))
                .contentType(ContentType.JSON)
                .body("{\"role\": \"marketing\"}")
                .put("/api/staff/" + user.id() + "/role")
                .then()
                .statusCode(200)
                .body("role", equalTo("marketing"));
        JsonNode roles = names(KeycloakRealm.realmRoles(user.id()));
        assertTrue(has(roles, "marketing"));
        assertFalse(has(roles, "sales"));
    }

    @Test
    void aUserEndsTheirOwnAccessAndTheAuditKeepsTheirName() throws SQLException {
        Made user = create("Sven", "Selfend", "sales");
        KeycloakRealm.choosePassword(user.id(), "Own-password-1");
        KeycloakRealm.Answer signedIn = KeycloakRealm.signIn(user.username(), "Own-password-1");
        assertEquals(200, signedIn.status(), signedIn.body().toString());
        String token = signedIn.body().get("access_token").asText();

        given().auth()
                .oauth2(token)
                .get("/api/staff/me")
                .then()
                .statusCode(200)
                .body("id", equalTo(user.id().toString()))
                .body("email", equalTo(user.email()))
                .body("role", equalTo("sales"))
                .body("consentConfirmedBy", equalTo("admin"));
        // A personal-data call through the gateway: the access log names the user by their username.
        given().auth().oauth2(token).get("/api/consents/purposes").then().statusCode(notNullValue());

        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/staff/me/termination")
                .then()
                .statusCode(422)
                .contentType(PROBLEM)
                .body("type", equalTo("https://gdpr-suite.org/problems/staff-termination-unconfirmed"));
        assertTrue(KeycloakRealm.user(user.id()).get("enabled").asBoolean(), "not ended without confirmation");

        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"confirmed\": true}")
                .post("/api/staff/me/termination")
                .then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("terminatedBy", equalTo(user.username()));

        assertTerminated(
                user, "Own-password-1", signedIn.body().get("refresh_token").asText(), "sales");
        Awaitility.await("the access log entry of the user's call")
                .atMost(Duration.ofSeconds(10))
                .until(() -> !accessLog(user.username()).getList("items").isEmpty());
        JsonPath log = accessLog(user.username());
        assertEquals("Sven Selfend", log.getString("items[0].principalName"));
        // What the suite's records name (ledger, audit trails, access log) resolves to the name after termination.
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .queryParam("username", user.username())
                .get("/api/staff")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(user.id().toString()))
                .body("items[0].firstName", equalTo("Sven"))
                .body("items[0].lastName", equalTo("Selfend"))
                .body("items[0].role", equalTo("sales"))
                .body("items[0].active", equalTo(false));
    }

    @Test
    void aUsernameResolvesAlsoForAccountsOfTheRealmAndNothingElse() {
        given().auth()
                .oauth2(Tokens.of(DemoUser.ADMIN))
                .queryParam("username", "support")
                .get("/api/staff")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].role", equalTo("support"))
                .body("items[0].email", nullValue());
        for (String nobody : List.of("service-account-integration", "no-such-user-" + UUID.randomUUID())) {
            given().auth()
                    .oauth2(Tokens.of(DemoUser.DPO))
                    .queryParam("username", nobody)
                    .get("/api/staff")
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(0));
        }
    }

    @Test
    void anAdminEndsAUsersAccess() throws SQLException {
        Made user = create("Tara", "Terminated", "support");
        KeycloakRealm.choosePassword(user.id(), "Own-password-2");
        KeycloakRealm.Answer signedIn = KeycloakRealm.signIn(user.username(), "Own-password-2");
        assertEquals(200, signedIn.status(), signedIn.body().toString());
        assertEquals(1, KeycloakRealm.sessions(user.id()).size(), "signed in once");

        given().auth()
                .oauth2(Tokens.of(DemoUser.ADMIN))
                .post("/api/staff/" + user.id() + "/termination")
                .then()
                .statusCode(200)
                .body("terminatedBy", equalTo("admin"))
                .body("role", equalTo("support"));

        assertTerminated(
                user, "Own-password-2", signedIn.body().get("refresh_token").asText(), "support");
        given().auth()
                .oauth2(Tokens.of(DemoUser.ADMIN))
                .post("/api/staff/" + user.id() + "/termination")
                .then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", equalTo("https://gdpr-suite.org/problems/staff-user-terminated"));
    }

    @Test
    void everyUserSetsTheirOwnNewsletterOptInUntilTheirAccessEnds() throws SQLException {
        Made user = create("Nina", "Newsletter", "finance");
        KeycloakRealm.choosePassword(user.id(), "Own-password-3");
        String token = KeycloakRealm.signIn(user.username(), "Own-password-3")
                .body()
                .get("access_token")
                .asText();
        given().auth().oauth2(token).get("/api/staff/me").then().statusCode(200).body("newsletter", equalTo(false));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{}")
                .put("/api/staff/me/newsletter")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"subscribed\": true}")
                .put("/api/staff/me/newsletter")
                .then()
                .statusCode(200)
                .body("id", equalTo(user.id().toString()))
                .body("newsletter", equalTo(true));
        given().auth().oauth2(token).get("/api/staff/me").then().statusCode(200).body("newsletter", equalTo(true));
        assertEquals(List.of("CREATED by admin", "NEWSLETTER_SUBSCRIBED by " + user.username()), events(user.id()));

        given().auth()
                .oauth2(Tokens.of(DemoUser.ADMIN))
                .post("/api/staff/" + user.id() + "/termination")
                .then()
                .statusCode(200);
        assertEquals(false, row(user.id()).get("newsletter"), "no newsletter after termination");
    }

    @Test
    void anUnusedTemporaryPasswordExpires() {
        Made user = create("Uma", "Unused", "finance");
        Instant afterItsLifespan = Instant.now().plus(Duration.ofDays(30));
        assertTrue(staff.expireUnusedTemporaryPasswords(afterItsLifespan, 1000) >= 1);

        KeycloakRealm.Answer refused = KeycloakRealm.signIn(user.username(), user.temporaryPassword());
        assertEquals(400, refused.status());
        assertEquals(
                "Invalid user credentials",
                refused.body().get("error_description").asText());
        // An admin hands over a new one; it too is for the first login only.
        String second = given().auth()
                .oauth2(Tokens.of(DemoUser.ADMIN))
                .post("/api/staff/" + user.id() + "/temporary-password")
                .then()
                .statusCode(200)
                .body("temporaryPasswordValidUntil", notNullValue())
                .extract()
                .path("temporaryPassword");
        assertEquals(
                "Account is not fully set up",
                KeycloakRealm.signIn(user.username(), second)
                        .body()
                        .get("error_description")
                        .asText());
    }

    private void assertTerminated(Made user, String password, String refreshToken, String lastRole)
            throws SQLException {
        JsonNode account = KeycloakRealm.user(user.id());
        assertTrue(account.get("email") == null || account.get("email").isNull(), "the email is deleted");
        assertFalse(account.get("enabled").asBoolean(), "the account is disabled");
        assertEquals(0, KeycloakRealm.sessions(user.id()).size(), "every session is revoked");
        assertEquals(400, KeycloakRealm.refresh(refreshToken).status(), "the session's refresh token is dead");
        KeycloakRealm.Answer signIn = KeycloakRealm.signIn(user.username(), password);
        assertTrue(signIn.status() == 400 || signIn.status() == 401, "sign-in refused: " + signIn.body());

        Map<String, Object> audit = row(user.id());
        assertNotNull(audit.get("terminated_at"));
        assertEquals(lastRole, audit.get("role"), "the last role is kept");
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .get("/api/staff/" + user.id())
                .then()
                .statusCode(200)
                .body("firstName", equalTo(account.get("firstName").asText()))
                .body("lastName", equalTo(account.get("lastName").asText()))
                .body("role", equalTo(lastRole))
                .body("active", equalTo(false))
                .body("email", nullValue());
    }

    private JsonPath accessLog(String principal) {
        return given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .queryParam("principal", principal)
                .get("/api/access-log")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Made create(String first, String last, String role) {
        String email = email();
        JsonPath created = given().auth()
                .oauth2(Tokens.of(DemoUser.ADMIN))
                .contentType(ContentType.JSON)
                .body("{\"firstName\": \"" + first + "\", \"lastName\": \"" + last + "\", \"email\": \"" + email
                        + "\", \"role\": \"" + role + "\", \"consentConfirmed\": true}")
                .post("/api/staff")
                .then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("user.active", equalTo(true))
                .extract()
                .jsonPath();
        UUID id = UUID.fromString(created.getString("user.id"));
        CREATED.add(id);
        return new Made(id, created.getString("user.username"), email, created.getString("temporaryPassword"));
    }

    private Map<String, Object> row(UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT * FROM staff_user WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                assertTrue(rs.next(), "a record of " + id);
                Map<String, Object> columns = new java.util.HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    columns.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                return columns;
            }
        }
    }

    /** The user's history: "ACTION by actor", oldest first. */
    private List<String> events(UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT action, actor FROM staff_event WHERE staff_id = ? ORDER BY id")) {
            select.setObject(1, id);
            List<String> events = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    events.add(rs.getString(1) + " by " + rs.getString(2));
                }
            }
            return events;
        }
    }

    private static String email() {
        return "staff-" + UUID.randomUUID() + "@example.test";
    }

    private static JsonNode names(JsonNode roles) {
        var names = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        roles.forEach(r -> names.add(r.get("name").asText()));
        return names;
    }

    private static boolean has(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
