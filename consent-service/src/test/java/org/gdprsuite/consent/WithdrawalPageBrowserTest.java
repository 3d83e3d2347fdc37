package org.gdprsuite.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.consent.domain.Withdrawals;
import org.gdprsuite.runtime.links.SignedLinks;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.HeadlessChromium;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.gdprsuite.consent.ConsentFixtures.knownPerson;
import static org.gdprsuite.consent.ConsentFixtures.purpose;
import static org.gdprsuite.consent.WithdrawalFixtures.grant;
import static org.gdprsuite.consent.WithdrawalFixtures.history;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The person's consent page as a person uses it: a real headless Chromium opens the mailed link, withdraws in one
 * click, reads each purpose's history and notice version, and gives a self-service consent again.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class WithdrawalPageBrowserTest {

    private final WebDriver browser = HeadlessChromium.shared();

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    SignedLinks links;

    @TestHTTPResource("/public/consents/withdraw")
    String page;

    @Test
    void aPersonSeesTheirConsentsAndWithdrawsOneInOneClick() {
        purpose("wdb-news", true, null, null);
        purpose("wdb-events", true, null, null);
        UUID person = knownPerson(prefix);
        grant(person, "wdb-news", "CONSENT");
        grant(person, "wdb-events", "CONSENT");

        browser.get(page + "?token=" + links.sign(Withdrawals.LINK_SCOPE, person.toString(), Duration.ofDays(90)));
        assertEquals("Your consents", browser.getTitle());
        assertEquals("en", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertTrue(browser.findElement(By.id("consent-wdb-news")).getText().contains("Purpose wdb-news"));
        assertTrue(browser.findElement(By.id("consent-wdb-events")).getText().contains("Purpose wdb-events"));

        HeadlessChromium.submit(browser, By.id("withdraw-wdb-news"));

        assertTrue(
                browser.findElement(By.id("withdrawn")).getText().contains("Purpose wdb-news"),
                browser.getPageSource());
        assertTrue(browser.findElements(By.id("consent-wdb-news")).isEmpty());
        assertTrue(browser.findElement(By.id("consent-wdb-events")).isDisplayed());
        ConsentLedgerTest.decision(person, "wdb-news").then().body("status", equalTo("WITHDRAWN"));
        ConsentLedgerTest.decision(person, "wdb-events").then().body("allowed", equalTo(true));
        assertEquals("withdrawal-page", history(person, "wdb-news").getString("items[-1].evidence.formId"));
        assertTrue(history(person, "wdb-news")
                .getString("items[-1].evidence.userAgent")
                .contains("Chrome"));
    }

    @Test
    void aPersonSeesTheHistoryAndNoticeVersionAndGivesASelfServiceConsentAgain() {
        String notice = "wdb-" + UUID.randomUUID();
        PrivacyNoticeTest.publish(
                notice,
                "en",
                "Browser notice",
                "What we do.",
                Instant.now().minusSeconds(1).toString());
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Purpose wdb-letter", "consentRequired", true, "selfServiceConsent", true))
                .when()
                .put("/api/consents/purposes/wdb-letter")
                .then()
                .statusCode(200);
        purpose("wdb-fixed", true, null, null);
        UUID person = knownPerson(prefix);
        grant(person, "wdb-letter", "CONSENT");
        grant(person, "wdb-fixed", "CONSENT");

        browser.get(page + "?token=" + links.sign(Withdrawals.LINK_SCOPE, person.toString(), Duration.ofDays(90)));
        HeadlessChromium.submit(browser, By.id("withdraw-wdb-letter"));
        HeadlessChromium.submit(browser, By.id("withdraw-wdb-fixed"));
        assertTrue(browser.findElement(By.id("withdrawn")).getText().contains("Purpose wdb-fixed"));
        ConsentLedgerTest.decision(person, "wdb-letter").then().body("status", equalTo("WITHDRAWN"));

        // Withdrawn, both stay on the page with their history; only the self-service one can be given again.
        assertTrue(browser.findElement(By.id("state-wdb-letter")).getText().contains("withdrawn"));
        assertTrue(browser.findElements(By.id("give-wdb-fixed")).isEmpty());
        assertEquals(
                2,
                browser.findElements(By.cssSelector("#history-wdb-fixed tbody tr"))
                        .size());
        assertTrue(browser.findElement(By.id("notice-current")).getText().contains(notice));
        HeadlessChromium.submit(browser, By.id("give-wdb-letter"));

        assertTrue(
                browser.findElement(By.id("given")).getText().contains("Purpose wdb-letter"), browser.getPageSource());
        assertTrue(browser.findElement(By.id("state-wdb-letter")).getText().contains("given"));
        assertTrue(browser.findElement(By.id("notice-wdb-letter")).getText().contains(notice));
        List<WebElement> history = browser.findElements(By.cssSelector("#history-wdb-letter tbody tr"));
        assertEquals(3, history.size());
        // Newest first: given here, under the notice in force.
        assertTrue(
                history.get(0).getText().contains("given you, on this page " + notice),
                history.get(0).getText());
        assertTrue(
                history.get(1).getText().contains("withdrawn you, on this page"),
                history.get(1).getText());
        assertTrue(
                history.get(2).getText().contains("given web form (web)"),
                history.get(2).getText());
        assertTrue(browser.findElement(By.id("withdraw-wdb-letter")).isDisplayed());
        ConsentLedgerTest.decision(person, "wdb-letter")
                .then()
                .body("allowed", equalTo(true))
                .body("status", equalTo("GRANTED"));
        ConsentLedgerTest.decision(person, "wdb-fixed").then().body("status", equalTo("WITHDRAWN"));
    }

    @Test
    void anExpiredOrForgedLinkShowsTheProblem() {
        browser.get(page + "?token=forged.token");
        assertTrue(browser.getPageSource().contains("This link is invalid or has expired."));
    }
}
