package org.gdprsuite.systemtest;

import java.util.Map;
import java.util.UUID;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import io.restassured.response.ValidatableResponse;

import static org.gdprsuite.systemtest.CentreBrowser.CENTRE;
import static org.gdprsuite.systemtest.CentreBrowser.element;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The privacy centre on the whole suite, in a real headless Chromium through the gateway: a person signed in by the
 * mailed code corrects their city (set at once by contact-service) and their name (held until staff approve it),
 * withdraws a consent and opts out of everything through the centre's links, objects to direct marketing, asks for
 * erasure and follows it to completed; signing out and a tampered cookie leave only the sign-in page.
 */
class PrivacyCentreBrowserTest extends SystemTest {

    @Test
    void aPersonCorrectsControlsAndErasesTheirDataFromTheCentre() {
        String email = uniqueEmail("clara.centre");
        UUID person = createPerson("Clara", "Centrefield", email, Map.of("city", "Bonn"));
        awaitKnownToConsents(person);
        confirmNewsletterByMail(email);
        eventually().until(() -> decision(person, NEWSLETTER));
        subscribe(person, PRODUCT_NEWS, true);
        eventually().until(() -> audience(PRODUCT_NEWS).contains(person.toString()));
        awaitParticipants();

        WebDriver browser = HeadlessChromium.start();
        try {
            CentreBrowser.signIn(browser, email);
            Accessibility.check(browser, "public-centre-home");

            // The city is set at once: contact-service changes it, and the request completes by itself.
            UUID city = correct(browser, "CITY", "Köln");
            awaitState(browser, city, "COMPLETED");
            contact(person).body("city", equalTo("Köln")).body("lastName", equalTo("Centrefield"));

            // The name waits for staff review; nothing changes until the DPO approves it, then it is set.
            UUID name = correct(browser, "LAST_NAME", "Centreberg");
            assertEquals("VERIFIED", state(browser, name));
            contact(person).body("lastName", equalTo("Centrefield"));
            as(DemoUser.DPO)
                    .when()
                    .post("/api/requests/" + name + "/approval")
                    .then()
                    .statusCode(200);
            awaitState(browser, name, "COMPLETED");
            contact(person).body("lastName", equalTo("Centreberg"));

            // A consent withdrawn through the centre's link: the decision API turns it down.
            element(browser, By.cssSelector("#persons a.withdrawal")).click();
            element(browser, By.id("withdraw-" + NEWSLETTER)).click();
            element(browser, By.id("withdrawn"));
            eventually().until(() -> !decision(person, NEWSLETTER));

            // Out of everything through the preference centre: no audience has the person any more.
            browser.get(suite.gateway() + CENTRE);
            element(browser, By.cssSelector("#persons a.preferences")).click();
            element(browser, By.id("globalOptOut")).click();
            element(browser, By.id("save")).click();
            element(browser, By.id("saved"));
            eventually().until(() -> !audience(PRODUCT_NEWS).contains(person.toString()));

            // An objection to direct marketing (Art. 21(3)) is carried out at once: the decision says OBJECTED.
            browser.get(suite.gateway() + CENTRE);
            element(browser, By.id("object-marketing")).click();
            awaitState(browser, newest(browser, "OBJECTION"), "COMPLETED");
            eventually()
                    .until(() ->
                            decisionOf(person, NEWSLETTER).getList("reasons").contains("OBJECTED"));

            // Erasure, asked in the centre and approved by the DPO, followed there to completed.
            browser.get(suite.gateway() + CENTRE);
            element(browser, By.cssSelector("#type option[value='ERASURE']")).click();
            element(browser, By.id("ask")).click();
            UUID erasure = newest(browser, "ERASURE");
            as(DemoUser.DPO)
                    .when()
                    .post("/api/requests/" + erasure + "/approval")
                    .then()
                    .statusCode(200);
            awaitState(browser, erasure, "COMPLETED");
            as(DemoUser.DPO)
                    .when()
                    .get("/api/contacts/persons/" + person)
                    .then()
                    .statusCode(404);

            // Signed out, the session is revoked on the server; a tampered cookie opens nothing either.
            String cookie = browser.manage().getCookieNamed("gdpr_centre").getValue();
            element(browser, By.id("sign-out")).click();
            element(browser, By.id("send-code"));
            for (String stale : new String[] {cookie, cookie.substring(1) + "A"}) {
                String page = anonymous()
                        .cookie("gdpr_centre", stale)
                        .when()
                        .get(CENTRE)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
                assertTrue(page.contains("id=\"send-code\"") && !page.contains(email), page);
            }
        } finally {
            browser.quit();
        }
    }

    /** Asks for a correction in the centre's form; the new request's id. */
    private static UUID correct(WebDriver browser, String field, String value) {
        element(browser, By.cssSelector("#field option[value='" + field + "']")).click();
        element(browser, By.id("value")).sendKeys(value);
        element(browser, By.id("correct")).click();
        UUID id = newest(browser, "RECTIFICATION");
        assertEquals(
                field,
                element(browser, By.cssSelector("#requests tr[data-id='" + id + "'] .corrected"))
                        .getAttribute("data-field"));
        return id;
    }

    /** The newest request of a type in the centre's list (newest first). */
    private static UUID newest(WebDriver browser, String type) {
        return UUID.fromString(element(browser, By.cssSelector("#requests tr[data-type='" + type + "']"))
                .getAttribute("data-id"));
    }

    private static String state(WebDriver browser, UUID request) {
        return element(browser, By.cssSelector("#requests tr[data-id='" + request + "']"))
                .getAttribute("data-status");
    }

    /** Reloads the centre until the request shows the state. */
    private static void awaitState(WebDriver browser, UUID request, String status) {
        eventually().until(() -> {
            browser.navigate().refresh();
            return status.equals(state(browser, request));
        });
    }

    private static ValidatableResponse contact(UUID person) {
        return as(DemoUser.DPO)
                .when()
                .get("/api/contacts/persons/" + person)
                .then()
                .statusCode(200);
    }
}
