package org.gdprsuite.erasure;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.erasure.domain.Objection;
import org.gdprsuite.erasure.domain.ObjectionStore;
import org.gdprsuite.erasure.domain.Request;
import org.gdprsuite.erasure.domain.RequestStatus;
import org.gdprsuite.erasure.domain.RequestStore;
import org.gdprsuite.erasure.domain.RequestType;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.dsr.DsrReply.Outcome;
import org.gdprsuite.events.payload.ObjectionChanged.Scope;
import org.gdprsuite.runtime.links.SignedLinks;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.HeadlessChromium;
import org.gdprsuite.testsupport.MovableClock;
import org.gdprsuite.testsupport.PublicForm;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The privacy centre as a person meets it, in a real headless Chromium against this service on the real stack: sign
 * in by the mailed code, ask, see the data of every person sharing the address, and what a session refuses.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
@TestProfile(PortalTest.OwnRateLimit.class)
class CentreBrowserTest {

    private static final String CENTRE = "/public/requests/centre";

    private final WebDriver browser = HeadlessChromium.shared();

    @TestHTTPResource("/")
    String base;

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    MovableClock clock;

    @Inject
    RequestStore requests;

    @Inject
    ObjectionStore objections;

    @Inject
    SignedLinks links;

    @AfterEach
    void resetClock() {
        clock.reset();
        browser.manage().deleteAllCookies();
    }

    @Test
    void signInByCodeThenAskAndSeeTheRequestWithItsDueDate() {
        String email = address("ask");
        signIn(browser, email);

        assertEquals(email, browser.findElement(By.id("address")).getText());
        assertEquals("en", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertTrue(browser.findElement(By.id("no-requests")).isDisplayed());
        Cookie session = browser.manage().getCookieNamed("gdpr_centre");
        assertNotNull(session, "the session cookie");
        assertTrue(session.isSecure(), "Secure");
        assertTrue(session.isHttpOnly(), "HttpOnly");
        assertEquals("Strict", session.getSameSite());
        assertEquals(CENTRE, session.getPath());

        browser.findElement(By.cssSelector("#type option[value='ERASURE']")).click();
        browser.findElement(By.id("details")).sendKeys("Please erase everything.");
        browser.findElement(By.id("ask")).click();

        WebElement row = browser.findElement(By.cssSelector("#requests tr[data-type='ERASURE']"));
        assertEquals("VERIFIED", row.getAttribute("data-status"));
        List<WebElement> cells = row.findElements(By.tagName("td"));
        java.time.LocalDate received = java.time.LocalDate.parse(cells.get(2).getText());
        assertEquals(
                received.plusMonths(1), java.time.LocalDate.parse(cells.get(3).getText()));
    }

    @Test
    void seeShowsTheDataOfEveryPersonWithTheAddressAtOnceAndOnlyInThatSession() {
        String email = address("see-now");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        TestBeans.KnownSubjects.BY_EMAIL.put(email, List.of(first, second));
        Participants participants = new Participants(prefix);
        participants.announceAlphaAndBeta();
        signIn(browser, email);

        browser.findElement(By.id("see")).click();
        assertTrue(browser.findElement(By.id("several")).isDisplayed());
        browser.findElement(By.id("see-now")).click();
        assertTrue(browser.findElement(By.id("assembling")).isDisplayed(), "progress while the slices come");
        browser.get(base + CENTRE.substring(1));
        UUID id = UUID.fromString(browser.findElement(By.cssSelector("#requests tr[data-type='ACCESS']"))
                .getAttribute("data-id"));
        Request approved = requests.find(id).orElseThrow();
        assertEquals(List.of(first, second), approved.personIds());
        assertNotNull(approved.approvedAt(), "approved without a staff step");
        assertTrue(approved.approvedBy().startsWith("privacy centre"), approved.approvedBy());

        answerWithBonnAndTwoConsents(participants, id);
        String cookie = cookieOf(browser);
        awaitUntil(() -> data(cookie).asString().contains("Bonn"));
        assertEquals("no-store", data(cookie).getHeader("Cache-Control"));

        browser.get(base + CENTRE.substring(1) + "/data");
        assertTrue(browser.getPageSource().contains("Bonn"), "the personal data report");

        WebDriver other = HeadlessChromium.start();
        try {
            signIn(other, address("see-other"));
            other.findElement(By.id("see")).click();
            assertTrue(other.findElement(By.id("none-held")).isDisplayed());
            assertFalse(other.getPageSource().contains("Bonn"));
            // The same address in another session: the copy belongs to the session that started it.
            signIn(other, email);
            other.findElement(By.id("see")).click();
            assertTrue(other.findElement(By.id("see-now")).isDisplayed());
            assertFalse(other.getPageSource().contains("Bonn"));
        } finally {
            other.quit();
        }
    }

    /** Without the lookup (contact-service out of reach) See is a formal request, and Control waits for staff. */
    @Test
    void theDataOfEveryPersonWithTheAddressIsShownAndNoneToAnotherAddress() {
        String email = address("see");
        TestBeans.KnownSubjects.BY_EMAIL.put(email, List.of(UUID.randomUUID(), UUID.randomUUID()));
        ContactServiceStandIn.UNREACHABLE.add(email);
        Participants participants = new Participants(prefix);
        participants.announceAlphaAndBeta();
        signIn(browser, email);
        assertTrue(browser.findElement(By.id("no-control")).isDisplayed(), "not matched to any person yet");

        browser.findElement(By.id("see")).click();
        assertTrue(browser.findElement(By.id("no-data")).isDisplayed());
        browser.findElement(By.id("ask-copy")).click();
        UUID id = approveTheAccessRequest();
        answerWithBonnAndTwoConsents(participants, id);
        awaitUntil(() -> given().cookie("gdpr_centre", cookieOf(browser))
                .get(CENTRE + "/data")
                .asString()
                .contains("id=\"persons\""));

        browser.get(base + CENTRE.substring(1) + "/data");
        assertEquals("2", browser.findElement(By.id("persons")).getText());
        assertTrue(browser.findElement(By.id("several")).isDisplayed());
        String page = browser.getPageSource();
        assertTrue(page.contains("alpha-service") && page.contains("Bonn") && page.contains("beta-service"), page);

        WebDriver other = HeadlessChromium.start();
        try {
            String otherAddress = address("other");
            ContactServiceStandIn.UNREACHABLE.add(otherAddress);
            signIn(other, otherAddress);
            assertTrue(other.findElement(By.id("no-requests")).isDisplayed());
            other.get(base + CENTRE.substring(1) + "/data");
            assertTrue(other.findElement(By.id("no-data")).isDisplayed());
            assertFalse(other.getPageSource().contains("Bonn"));
        } finally {
            other.quit();
        }
    }

    @Test
    void correctTheCityAtOnceAndTheNameAfterStaffReviewAndFollowBoth() {
        String email = address("correct");
        UUID person = UUID.randomUUID();
        TestBeans.KnownSubjects.BY_EMAIL.put(email, List.of(person));
        signIn(browser, email);

        // The settings apply the city at once and hold names for review; the form says which is which.
        assertTrue(option("CITY").getText().contains("at once"));
        assertFalse(option("LAST_NAME").getText().contains("at once"));
        option("CITY").click();
        browser.findElement(By.id("value")).sendKeys("Köln");
        browser.findElement(By.id("correct")).click();

        WebElement row = browser.findElement(By.cssSelector("#requests tr[data-type='RECTIFICATION']"));
        assertEquals(
                "Correct my data (rectification): City",
                row.findElements(By.tagName("td")).get(0).getText());
        List<WebElement> cells = row.findElements(By.tagName("td"));
        java.time.LocalDate received = java.time.LocalDate.parse(cells.get(2).getText());
        assertEquals(
                received.plusMonths(1), java.time.LocalDate.parse(cells.get(3).getText()));
        UUID city = UUID.fromString(row.getAttribute("data-id"));
        Request stored = requests.find(city).orElseThrow();
        assertEquals(RequestType.RECTIFICATION, stored.type());
        assertEquals(email, stored.email());
        assertEquals("Correct city to: Köln", stored.details());
        // Approved by the session's proof of the address, for the persons resolved at sign-in; no staff member.
        assertNotEquals(RequestStatus.VERIFIED, stored.status());
        assertTrue(stored.approvedBy().startsWith("privacy centre"), stored.approvedBy());
        assertEquals(List.of(person), stored.personIds());
        // contact-service carries it out (a fan-out), so staff cannot complete it by hand.
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .post("/api/requests/" + city + "/completion")
                .then()
                .statusCode(409);

        // The last name waits for staff review; once approved it too goes to contact-service.
        option("LAST_NAME").click();
        browser.findElement(By.id("value")).sendKeys("Musterfrau");
        // The city's row is on the page already: wait for the page the form leads to before looking for the row.
        HeadlessChromium.submit(browser, By.id("correct"));
        WebElement name = browser.findElement(By.cssSelector("#requests tr[data-type='RECTIFICATION']"));
        assertEquals("VERIFIED", name.getAttribute("data-status"));
        assertEquals(
                "Correct my data (rectification): Last name",
                name.findElements(By.tagName("td")).get(0).getText());
        UUID lastName = UUID.fromString(name.getAttribute("data-id"));
        assertNull(requests.find(lastName).orElseThrow().approvedBy());
        asDpo(lastName, "approval");
        String approver = requests.find(lastName).orElseThrow().approvedBy();
        assertNotNull(approver);
        assertFalse(approver.startsWith("privacy centre"), approver);
        browser.navigate().refresh();
        assertNotEquals(
                "VERIFIED",
                browser.findElement(By.cssSelector("#requests tr[data-id='" + lastName + "']"))
                        .getAttribute("data-status"));

        // Markup, a wrong phone number, an oversized value, an unknown field: refused on the page, nothing stored.
        browser.findElement(By.cssSelector("#field option[value='FIRST_NAME']")).click();
        browser.findElement(By.id("value")).sendKeys("<script>alert(1)</script>");
        browser.findElement(By.id("correct")).click();
        assertTrue(browser.findElement(By.id("correct-errors")).getText().contains("plain text"));
        String cookie = cookieOf(browser);
        String csrf = browser.findElement(By.name("csrf")).getAttribute("value");
        Response phone = correction(cookie, csrf, "PHONE", "call me");
        assertEquals(400, phone.statusCode());
        assertTrue(phone.asString().contains("Please enter a phone number"));
        Response tooLong = correction(cookie, csrf, "CITY", "x".repeat(201));
        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.asString().contains("at most 200 characters"));
        assertEquals(400, correction(cookie, csrf, "nationalId", "123").statusCode());
        Response country = correction(cookie, csrf, "COUNTRY", "Germany");
        assertEquals(400, country.statusCode());
        assertTrue(country.asString().contains("two-letter code"));
        assertEquals(403, correction(cookie, "forged", "CITY", "Bonn").statusCode());
        assertEquals(
                3,
                page(cookie).split("data-type=\"RECTIFICATION\"", -1).length,
                "only the first two corrections were stored");
    }

    @Test
    void anObjectionToDirectMarketingIsCarriedOutAtOnceForEveryPersonOfTheAddress() {
        String email = address("object");
        List<UUID> persons = List.of(UUID.randomUUID(), UUID.randomUUID());
        TestBeans.KnownSubjects.BY_EMAIL.put(email, persons);
        signIn(browser, email);

        browser.findElement(By.id("object-marketing")).click();
        WebElement row = browser.findElement(By.cssSelector("#requests tr[data-type='OBJECTION']"));
        // Art. 21(3): no one weighs it; it went to consent-service with the approval, so the request is completed.
        assertEquals("COMPLETED", row.getAttribute("data-status"));
        Request stored =
                requests.find(UUID.fromString(row.getAttribute("data-id"))).orElseThrow();
        assertEquals(persons, stored.personIds());
        assertTrue(stored.approvedBy().contains("Art. 21(3)"), stored.approvedBy());
        assertEquals(
                new Objection(Scope.DIRECT_MARKETING, List.of()),
                objections.find(stored.id()).orElseThrow());
    }

    @Test
    void everyPersonWithTheAddressGetsSignedLinksToTheirConsentsAndSubscriptionsAtSignIn() {
        String email = address("control");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID erased = UUID.randomUUID();
        TestBeans.KnownSubjects.BY_EMAIL.put(email, List.of(first, second, erased));
        ContactServiceStandIn.ANONYMIZED.add(erased);
        // Resolved at sign-in on the service's own identity: no request, no staff step before.
        signIn(browser, email);

        List<WebElement> persons = browser.findElements(By.cssSelector("#persons li"));
        assertEquals(2, persons.size());
        assertTrue(browser.findElement(By.id("control-several")).isDisplayed());
        java.util.Set<UUID> linked = new java.util.HashSet<>();
        for (WebElement person : persons) {
            UUID personId = UUID.fromString(person.getAttribute("data-person"));
            linked.add(personId);
            String preferences =
                    person.findElement(By.cssSelector("a.preferences")).getAttribute("href");
            String withdrawal =
                    person.findElement(By.cssSelector("a.withdrawal")).getAttribute("href");
            assertTrue(preferences.contains("/public/subscriptions/preferences?token="), preferences);
            assertTrue(withdrawal.contains("/public/consents/withdraw?token="), withdrawal);
            // The scopes and subjects subscription-service's and consent-service's pages verify.
            assertEquals(
                    personId.toString(),
                    links.verify(token(preferences), "preferences").subject());
            assertEquals(
                    personId.toString(),
                    links.verify(token(withdrawal), "consent-withdraw").subject());
            assertTrue(
                    links.verify(token(preferences), "preferences")
                            .expiresAt()
                            .isBefore(clock.instant().plus(Duration.ofMinutes(31))),
                    "no longer than a session");
        }
        assertEquals(java.util.Set.of(first, second), linked);

        WebDriver other = HeadlessChromium.start();
        try {
            signIn(other, address("other-control"));
            assertTrue(other.findElement(By.id("no-records")).isDisplayed());
            assertFalse(other.getPageSource().contains(first.toString()));
        } finally {
            other.quit();
        }
    }

    @Test
    void anExpiredARevokedOrATamperedSessionGetsTheSignInPage() {
        signIn(browser, address("expiry"));
        String cookie = cookieOf(browser);
        assertTrue(page(cookie).contains("id=\"address\""));
        assertTrue(page(cookie.substring(0, 42) + (cookie.endsWith("A") ? "B" : "A"))
                .contains("id=\"send-code\""));

        clock.advance(Duration.ofMinutes(31));
        browser.navigate().refresh();
        assertTrue(browser.findElement(By.id("send-code")).isDisplayed(), "expired");
        clock.reset();

        signIn(browser, address("revoked"));
        String revoked = cookieOf(browser);
        browser.findElement(By.id("sign-out")).click();
        assertTrue(browser.findElement(By.id("send-code")).isDisplayed());
        assertTrue(page(revoked).contains("id=\"send-code\""), "revoked on the server, not only in the browser");
    }

    @Test
    void aPostWithoutTheSessionsTokenChangesNothing() {
        String email = address("csrf");
        signIn(browser, email);
        String cookie = cookieOf(browser);

        Response missing = given().cookie("gdpr_centre", cookie)
                .formParam("type", "ERASURE")
                .post(CENTRE + "/requests");
        assertEquals(403, missing.statusCode());
        assertTrue(missing.asString().contains("Nothing was changed"));
        assertEquals(
                403,
                given().cookie("gdpr_centre", cookie)
                        .formParam("type", "ERASURE")
                        .formParam("csrf", "forged")
                        .post(CENTRE + "/requests")
                        .statusCode());
        assertEquals(
                403,
                given().cookie("gdpr_centre", cookie)
                        .formParam("csrf", "forged")
                        .post(CENTRE + "/sign-out")
                        .statusCode());

        // A page of another site posting the form: the browser sends no cookie along (SameSite=Strict).
        browser.get("data:text/html,<form method='post' action='" + base + CENTRE.substring(1)
                + "/requests'><input name='type' value='ERASURE'></form><script>document.forms[0].submit()</script>");
        assertTrue(browser.findElement(By.id("send-code")).isDisplayed());

        assertTrue(page(cookie).contains("id=\"no-requests\""), "no request was made");
    }

    @Test
    void badInputGetsAReadableMessageAndChangesNothing() {
        browser.get(base + CENTRE.substring(1));
        PublicForm form = PublicForm.open(given(), CENTRE);
        Response invalid = form.on(given()).formParam("email", "not-an-address").post(CENTRE + "/sign-in");
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.asString().contains("Please enter a valid e-mail address"));
        assertEquals(
                400,
                form.on(given())
                        .formParam("email", "a".repeat(320) + "@example.org")
                        .post(CENTRE + "/sign-in")
                        .statusCode());

        signIn(browser, address("bad"));
        browser.findElement(By.cssSelector("#type option[value='RESTRICTION']")).click();
        browser.findElement(By.id("details")).sendKeys("<script>alert(1)</script>");
        browser.findElement(By.id("ask")).click();
        assertTrue(browser.findElement(By.cssSelector(".errors")).getText().contains("plain text"));

        String cookie = cookieOf(browser);
        String csrf = browser.findElement(By.name("csrf")).getAttribute("value");
        Response tooLong = given().cookie("gdpr_centre", cookie)
                .formParam("csrf", csrf)
                .formParam("type", "ERASURE")
                .formParam("details", "x".repeat(2001))
                .post(CENTRE + "/requests");
        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.asString().contains("under 2000 characters"));
        Response noType = given().cookie("gdpr_centre", cookie)
                .formParam("csrf", csrf)
                .formParam("type", "RECTIFICATION")
                .post(CENTRE + "/requests");
        assertEquals(400, noType.statusCode());
        Response noGrounds = given().cookie("gdpr_centre", cookie)
                .formParam("csrf", csrf)
                .formParam("type", "OBJECTION")
                .post(CENTRE + "/requests");
        assertEquals(400, noGrounds.statusCode());
        assertTrue(noGrounds.asString().contains("which use of your data you object to"));
        assertTrue(page(cookie).contains("id=\"no-requests\""), "no request was made");
        assertEquals(
                400,
                form.on(given())
                        .formParam("code", "12345678")
                        .post(CENTRE + "/sign-in/" + UUID.randomUUID())
                        .statusCode());
    }

    @Test
    void aSignInFormPostedWithoutItsTokenIsRefusedAndMailsNothing() {
        String email = address("forged");
        PublicForm form = PublicForm.open(given(), CENTRE);
        PublicForm other = PublicForm.open(given(), CENTRE);
        Response german = given().header("Accept-Language", "de-DE,de;q=0.9")
                .formParam("email", email)
                .post(CENTRE + "/sign-in");
        assertEquals(403, german.statusCode());
        assertTrue(german.asString().contains("lang=\"de\""), german.asString());
        for (RequestSpecification forged : List.of(
                given().cookie(PublicForm.COOKIE, form.cookie()),
                given().cookie(PublicForm.COOKIE, form.cookie()).formParam(PublicForm.FIELD, other.csrf()),
                given().cookie(PublicForm.COOKIE, form.cookie()).formParam(PublicForm.FIELD, "1.x.y.9999999999.z"))) {
            assertEquals(
                    403,
                    forged.formParam("email", email).post(CENTRE + "/sign-in").statusCode());
        }
        assertEquals(
                403,
                given().formParam("code", "123456")
                        .post(CENTRE + "/sign-in/" + UUID.randomUUID())
                        .statusCode());
        assertEquals(403, given().formParam("token", "x").post(CENTRE + "/link").statusCode());

        assertEquals(
                200,
                form.on(given())
                        .formParam("email", email)
                        .post(CENTRE + "/sign-in")
                        .statusCode());
        assertEquals(1, new Mails(prefix).all(email, "dsr.verification").size(), "one sign-in mailed, the real one");
    }

    @Test
    void theCentreSpeaksGermanToABrowserAskingForIt() {
        String page = given().header("Accept-Language", "de-DE,de;q=0.9,en;q=0.5")
                .get(CENTRE)
                .asString();
        assertTrue(page.contains("lang=\"de\"") && page.contains("Ihre Datenschutzzentrale"), page);
    }

    /** Signs the browser in with the code mailed to the address; it ends on the centre's first page. */
    private void signIn(WebDriver to, String email) {
        to.manage().deleteAllCookies(); // a session of an earlier step would show the centre, not the sign-in
        to.get(base + CENTRE.substring(1));
        to.findElement(By.id("email")).sendKeys(email);
        to.findElement(By.id("send-code")).click();
        to.findElement(By.id("code")).sendKeys(code(email));
        to.findElement(By.id("sign-in")).click();
        to.findElement(By.id("address"));
    }

    private String code(String email) {
        List<org.gdprsuite.events.payload.NotificationRequested> mails =
                new Mails(prefix).all(email, "dsr.verification");
        return mails.get(mails.size() - 1).parameters().get("code");
    }

    /** The DPO approves the access request listed in the browser's centre: its id. */
    private UUID approveTheAccessRequest() {
        UUID id = UUID.fromString(browser.findElement(By.cssSelector("#requests tr[data-type='ACCESS']"))
                .getAttribute("data-id"));
        asDpo(id, "approval");
        return id;
    }

    private static void asDpo(UUID request, String step) {
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .post("/api/requests/" + request + "/" + step)
                .then()
                .statusCode(200);
    }

    private WebElement option(String field) {
        return browser.findElement(By.cssSelector("#field option[value='" + field + "']"));
    }

    private static Response correction(String cookie, String csrf, String field, String value) {
        return given().cookie("gdpr_centre", cookie)
                .formParam("csrf", csrf)
                .formParam("field", field)
                .formParam("value", value)
                .post(CENTRE + "/corrections");
    }

    private static String token(String link) {
        return java.net.URLDecoder.decode(
                link.substring(link.indexOf("?token=") + 7), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String page(String cookie) {
        return given().cookie("gdpr_centre", cookie).get(CENTRE).asString();
    }

    /** Both participants answer the request's export command: alpha with a city, beta with a count of consents. */
    private static void answerWithBonnAndTwoConsents(Participants participants, UUID request) {
        CloudEvent command = participants.commands(request, 1).get(0);
        participants.reply(
                command,
                "alpha-service",
                Outcome.DONE,
                JsonNodeFactory.instance.objectNode().put("city", "Bonn"),
                null);
        participants.reply(
                command,
                "beta-service",
                Outcome.DONE,
                JsonNodeFactory.instance.objectNode().put("consents", 2),
                null);
    }

    private static Response data(String cookie) {
        return given().cookie("gdpr_centre", cookie).get(CENTRE + "/data");
    }

    private static String cookieOf(WebDriver browser) {
        return browser.manage().getCookieNamed("gdpr_centre").getValue();
    }

    private static String address(String what) {
        return what + "." + UUID.randomUUID() + "@example.org";
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(Participants.WAIT).until(condition::getAsBoolean);
    }
}
