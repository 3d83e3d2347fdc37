package org.gdprsuite.consent;

import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.consent.domain.Withdrawals;
import org.gdprsuite.runtime.links.SignedLinks;
import org.gdprsuite.testsupport.HeadlessChromium;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import static org.gdprsuite.consent.ConsentFixtures.knownPerson;
import static org.gdprsuite.consent.ConsentFixtures.purpose;
import static org.gdprsuite.consent.WithdrawalFixtures.grant;
import static org.gdprsuite.consent.WithdrawalFixtures.history;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The withdrawal page as a person uses it: a real headless Chromium opens the mailed link and withdraws in one click. */
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

        browser.findElement(By.id("withdraw-wdb-news")).click();

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
    void anExpiredOrForgedLinkShowsTheProblem() {
        browser.get(page + "?token=forged.token");
        assertTrue(browser.getPageSource().contains("This link is invalid or has expired."));
    }
}
