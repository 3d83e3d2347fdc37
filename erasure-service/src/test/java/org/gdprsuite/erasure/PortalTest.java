package org.gdprsuite.erasure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.erasure.replies.Schedule;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.MovableClock;
import org.gdprsuite.testsupport.PublicForm;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's claims about the public portal, with the movable clock. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
@TestProfile(PortalTest.OwnRateLimit.class)
class PortalTest {

    /** The portal's rate limit counts by address over ten minutes: these tests get a budget of their own. */
    public static class OwnRateLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gdpr.public-rate-limit.requests", "100");
        }
    }

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    MovableClock clock;

    @Inject
    Schedule schedule;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void thePortalAnswersAKnownAndAnUnknownAddressAlike() {
        String known = "known." + UUID.randomUUID() + "@example.org";
        String unknown = "unknown." + UUID.randomUUID() + "@example.org";
        TestBeans.KnownSubjects.BY_EMAIL.put(known, List.of(UUID.randomUUID()));

        Response first = submit(known);
        Response second = submit(unknown);

        assertEquals(first.statusCode(), second.statusCode());
        assertEquals(first.contentType(), second.contentType());
        assertEquals(withoutRequestId(first), withoutRequestId(second));
        new Mails(prefix).first(known, "dsr.verification");
        new Mails(prefix).first(unknown, "dsr.verification");
    }

    @Test
    void aCodeIsSpentAfterFiveWrongTries() {
        String email = "tries." + UUID.randomUUID() + "@example.org";
        UUID id = requestId(submit(email));
        String code =
                new Mails(prefix).first(email, "dsr.verification").parameters().get("code");
        String wrong = "000000".equals(code) ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            verify(id, wrong).then().statusCode(400);
        }
        verify(id, code).then().statusCode(400);
        status(id, "RECEIVED");
    }

    @Test
    void aCodeIsSpentOnceExpired() {
        String email = "late." + UUID.randomUUID() + "@example.org";
        UUID id = requestId(submit(email));
        String code =
                new Mails(prefix).first(email, "dsr.verification").parameters().get("code");
        clock.advance(Duration.ofMinutes(10));
        verify(id, code).then().statusCode(400);
        status(id, "RECEIVED");
    }

    @Test
    void anUnprovedRequestIsClosedOnceNothingCanProveIt() {
        String email = "unproved." + UUID.randomUUID() + "@example.org";
        UUID id = requestId(submit(email));
        String code =
                new Mails(prefix).first(email, "dsr.verification").parameters().get("code");
        schedule.run();
        status(id, "RECEIVED");

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        schedule.run();
        dpo().get("/api/requests/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("rejectionReason", equalTo("the address was not proved in time"));
        verify(id, code).then().statusCode(400);
        status(id, "REJECTED");
    }

    @Test
    void aPostWithoutTheFormsOwnTokenIsRefusedAndChangesNothing() {
        String email = "forged." + UUID.randomUUID() + "@example.org";
        Response page = given().when().get("/public/requests");
        String setCookie = page.getHeader("Set-Cookie");
        for (String attribute : List.of("Path=/public/requests;", "Secure", "HttpOnly", "SameSite=Strict")) {
            assertTrue(setCookie.contains(attribute), setCookie);
        }
        PublicForm form = PublicForm.of(page);
        PublicForm other = form();
        refused(given(), email); // a cross-site post: neither cookie nor field
        refused(given().cookie(PublicForm.COOKIE, form.cookie()), email); // the cookie alone
        refused(given().formParam(PublicForm.FIELD, form.csrf()), email); // the field alone
        refused(
                given().cookie(PublicForm.COOKIE, form.cookie()).formParam(PublicForm.FIELD, "1.forged.x.9999999999.x"),
                email);
        refused(given().cookie(PublicForm.COOKIE, form.cookie()).formParam(PublicForm.FIELD, other.csrf()), email);
        refused(given().cookie(PublicForm.COOKIE, other.cookie()).formParam(PublicForm.FIELD, form.csrf()), email);

        UUID id = requestId(submit(email));
        List<NotificationRequested> mails = new Mails(prefix).all(email, "dsr.verification");
        assertEquals(1, mails.size(), "only the post with the form's token made a request");
        String code = mails.get(0).parameters().get("code");
        given().formParam("code", code)
                .when()
                .post("/public/requests/" + id + "/verification")
                .then()
                .statusCode(403);
        status(id, "RECEIVED");
        verify(id, code).then().statusCode(200);
        status(id, "VERIFIED");
    }

    private static void refused(RequestSpecification spec, String email) {
        spec.formParam("type", "ACCESS")
                .formParam("email", email)
                .when()
                .post("/public/requests")
                .then()
                .statusCode(403)
                .contentType(containsString("text/html"))
                .body(containsString("Nothing was stored"));
    }

    private static Response submit(String email) {
        return form().on(given())
                .formParam("type", "ACCESS")
                .formParam("email", email)
                .when()
                .post("/public/requests");
    }

    private static Response verify(UUID id, String code) {
        return form().on(given()).formParam("code", code).when().post("/public/requests/" + id + "/verification");
    }

    /** The portal's anti-CSRF token, as the browser gets it from the form's page. */
    private static PublicForm form() {
        return PublicForm.open(given(), "/public/requests");
    }

    private static RequestSpecification dpo() {
        return given().auth().oauth2(Tokens.of(DemoUser.DPO)).when();
    }

    private static void status(UUID id, String status) {
        dpo().get("/api/requests/" + id).then().statusCode(200).body("status", equalTo(status));
    }

    private static UUID requestId(Response page) {
        page.then().statusCode(200);
        return UUID.fromString(
                page.asString().replaceAll("(?s).*/public/requests/([0-9a-f-]{36})/verification.*", "$1"));
    }

    private static String withoutRequestId(Response page) {
        return page.asString()
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll("name=\"csrf\" value=\"[^\"]*\"", "<csrf>");
    }
}
