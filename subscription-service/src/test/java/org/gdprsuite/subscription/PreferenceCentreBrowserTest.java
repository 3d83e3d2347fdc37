package org.gdprsuite.subscription;

import java.time.Duration;
import java.util.UUID;

import org.gdprsuite.subscription.domain.MailLinks;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.HeadlessChromium;
import org.gdprsuite.testsupport.MovableClock;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.gdprsuite.subscription.World.subscribe;
import static org.gdprsuite.subscription.World.type;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The preference centre as a person uses it: a real headless Chromium opens the mailed link, unticks, saves. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class PreferenceCentreBrowserTest {

    private final WebDriver browser = HeadlessChromium.shared();

    @Inject
    MailLinks mail;

    @Inject
    MovableClock clock;

    @TestHTTPResource("/")
    String base;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aPersonUnticksASubscriptionSavesAndTheChoiceIsKept() {
        type("browser-news", "newsletter");
        type("browser-events", "events");
        UUID person = UUID.randomUUID();
        subscribe(person, "browser-news", true);
        subscribe(person, "browser-events", true);

        browser.get(local(mail.preferencesLink(person)));
        assertEquals("Your subscriptions", browser.getTitle());
        assertEquals("en", browser.findElement(By.tagName("html")).getAttribute("lang"));
        WebElement news = browser.findElement(By.id("sub-browser-news"));
        assertTrue(news.isSelected());
        assertEquals(
                "Type browser-news",
                browser.findElement(By.cssSelector("label[for='sub-browser-news']"))
                        .getText());
        news.click();
        browser.findElement(By.id("save")).click();

        assertTrue(browser.findElement(By.id("saved")).getText().contains("saved"));
        assertFalse(browser.findElement(By.id("sub-browser-news")).isSelected());
        assertTrue(browser.findElement(By.id("sub-browser-events")).isSelected());
        given().auth()
                .oauth2(Tokens.of(DemoUser.SUPPORT))
                .when()
                .get("/api/subscriptions/persons/" + person)
                .then()
                .body("subscriptions.browser-news", equalTo(false))
                .body("subscriptions.browser-events", equalTo(true))
                .body("globalOptOut", equalTo(false));
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/subscriptions/persons/" + person + "/history")
                .then()
                .rootPath("items")
                .body("source[-1]", equalTo("PREFERENCE_CENTRE"));
    }

    @Test
    void aTamperedOrExpiredLinkIsRefused() {
        UUID person = UUID.randomUUID();
        String link = local(mail.preferencesLink(person));
        UUID other = UUID.randomUUID();
        String otherLink = local(mail.preferencesLink(other));
        String tampered = link.substring(0, link.indexOf("token=") + 6)
                + otherLink.substring(otherLink.indexOf("token=") + 6, otherLink.lastIndexOf('.'))
                + link.substring(link.lastIndexOf('.'));

        browser.get(tampered);
        assertTrue(browser.getPageSource().contains("This link is invalid or has expired."));
        given().when()
                .get(tampered.substring(tampered.indexOf("/public")))
                .then()
                .statusCode(403);

        clock.advance(Duration.ofDays(91));
        browser.get(link);
        assertTrue(browser.getPageSource().contains("This link is invalid or has expired."));
        given().when().get(link.substring(link.indexOf("/public"))).then().statusCode(403);
    }

    /** The mailed link points at the gateway; the test opens the same path on this service. */
    private String local(String link) {
        return base.replaceAll("/$", "") + link.substring(link.indexOf("/public"));
    }
}
