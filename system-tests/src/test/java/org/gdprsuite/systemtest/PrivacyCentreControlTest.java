package org.gdprsuite.systemtest;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.HeadlessChromium;
import org.gdprsuite.testsupport.MailBox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.restassured.http.ContentType;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Control through the privacy centre on the whole suite, through the gateway: the links the centre gives a signed-in
 * person lead to consent-service's withdrawal page and subscription-service's preference centre, and what the person
 * changes there turns the decision API and the audiences. A purpose that allows self-service consent is given again on
 * consent-service's page of that link, in a real headless Chromium, and the page passes axe-core's check.
 */
class PrivacyCentreControlTest extends SystemTest {

    private static final String CENTRE = "/public/requests/centre";
    private static final Pattern SIGN_IN = Pattern.compile(CENTRE + "/sign-in/([0-9a-f-]{36})");
    private static final Pattern CODE = Pattern.compile("Your code: (\\d{6})");
    /** A purpose persons may consent to themselves, on consent-service's page. */
    private static final String LETTERS = "centre-letters";

    @Test
    void aWithdrawalAndAnOptOutThroughTheCentresLinksTurnTheDecisionAndTheAudience() {
        String email = uniqueEmail("carla.centre");
        UUID person = createPerson("Carla", "Centre", email, Map.of());
        awaitKnownToConsents(person);
        confirmNewsletterByMail(email);
        eventually().until(() -> decision(person, NEWSLETTER));
        subscribe(person, PRODUCT_NEWS, true);
        eventually().until(() -> audience(PRODUCT_NEWS).contains(person.toString()));

        // The centre resolves the proved address on its own identity at sign-in: the links are there, no staff step.
        String cookie = signIn(email);
        String home = home(cookie);
        assertTrue(home.contains("data-person=\"" + person + "\""), home);
        anonymous()
                .formParam("token", token(home, "withdrawal"))
                .formParam("purpose", NEWSLETTER)
                .when()
                .post("/public/consents/withdraw")
                .then()
                .statusCode(200);
        eventually().until(() -> !decision(person, NEWSLETTER));

        anonymous()
                .queryParam("token", token(home, "preferences"))
                .contentType(ContentType.JSON)
                .body(Map.of("subscriptions", Map.of(PRODUCT_NEWS, true), "globalOptOut", true))
                .when()
                .put("/public/subscriptions/preferences/choices")
                .then()
                .statusCode(200)
                .body("globalOptOut", equalTo(true));
        eventually().until(() -> !audience(PRODUCT_NEWS).contains(person.toString()));
        assertFalse(decision(person, NEWSLETTER));
    }

    @Test
    void aSelfServiceConsentIsGivenAgainOnTheConsentPageOfTheCentresLink() {
        as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Letters from the centre", "consentRequired", true, "selfServiceConsent", true))
                .when()
                .put("/api/consents/purposes/" + LETTERS)
                .then()
                .statusCode(200);
        String email = uniqueEmail("dora.centre");
        UUID person = createPerson("Dora", "Centre", email, Map.of());
        awaitKnownToConsents(person);
        String home = home(signIn(email));

        WebDriver browser = HeadlessChromium.shared();
        browser.get(suite.gateway() + "/public/consents/withdraw?token=" + token(home, "withdrawal"));
        PublicPagesAccessibilityTest.element(browser, By.id("give-" + LETTERS)).click();
        WebElement given = PublicPagesAccessibilityTest.element(browser, By.id("given"));
        assertTrue(given.getText().contains("Letters from the centre"), given.getText());
        Accessibility.check(browser, "public-consent-page-given");
        eventually().until(() -> decision(person, LETTERS));
        assertEquals("GRANTED", decisionOf(person, LETTERS).getString("status"));

        // Withdrawn there, and given once more: the history says so, newest first, and the decision follows.
        browser.findElement(By.id("withdraw-" + LETTERS)).click();
        PublicPagesAccessibilityTest.element(browser, By.id("withdrawn"));
        eventually().until(() -> !decision(person, LETTERS));
        browser.findElement(By.id("give-" + LETTERS)).click();
        PublicPagesAccessibilityTest.element(browser, By.id("given"));
        List<WebElement> history = browser.findElements(By.cssSelector("#history-" + LETTERS + " tbody tr"));
        // The oldest: the consent request mailed when the person was created (the purpose requires consent).
        assertEquals(4, history.size(), browser.getPageSource());
        assertTrue(
                history.get(3).getText().contains("waiting for your confirmation"),
                history.get(3).getText());
        assertTrue(
                history.get(0).getText().contains("given you, on this page"),
                history.get(0).getText());
        assertTrue(
                history.get(1).getText().contains("withdrawn you, on this page"),
                history.get(1).getText());
        eventually().until(() -> decision(person, LETTERS));
    }

    /** Signs in with the mailed code, as the code page's form does: the session cookie's value. */
    static String signIn(String email) {
        String codePage = withFormOf("/public/requests/centre")
                .formParam("email", email)
                .when()
                .post(CENTRE + "/sign-in")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String signIn = first(SIGN_IN, codePage);
        MailBox.Message mail = MailBox.await(email, m -> CODE.matcher(m.mime()).find(), MAIL_WAIT);
        return withFormOf("/public/requests/centre")
                .formParam("code", first(CODE, mail.mime()))
                .redirects()
                .follow(false)
                .when()
                .post(CENTRE + "/sign-in/" + signIn)
                .then()
                .statusCode(303)
                .extract()
                .cookie("gdpr_centre");
    }

    private static String home(String cookie) {
        return anonymous()
                .cookie("gdpr_centre", cookie)
                .when()
                .get(CENTRE)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** The token of the centre's first link of {@code kind} (preferences, withdrawal). */
    private static String token(String home, String kind) {
        return first(Pattern.compile("class=\"" + kind + "\" href=\"[^\"?]*\\?token=([^\"]+)\""), home);
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), pattern + " in " + text);
        return matcher.group(1);
    }
}
