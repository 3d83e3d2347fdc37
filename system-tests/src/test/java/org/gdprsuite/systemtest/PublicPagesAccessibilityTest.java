package org.gdprsuite.systemtest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.HeadlessChromium;
import org.gdprsuite.testsupport.MailBox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.restassured.http.ContentType;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every public page a data subject meets, in a real headless Chromium through the gateway, as the person reaches
 * it (typed in, or from the links of the suite's mails): each passes axe-core's accessibility check, its screenshot
 * kept. The privacy centre is walked from its sign-in to its first page.
 */
class PublicPagesAccessibilityTest extends SystemTest {

    private static final Pattern CODE = Pattern.compile("Your code: (\\d{6})");
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);

    private final WebDriver browser = HeadlessChromium.shared();

    @Test
    void everyPublicPageAPersonMeetsPassesTheAccessibilityCheck() {
        String email = uniqueEmail("ada.pages");
        createPerson("Ada", "Pages", email, Map.of());
        MailBox.Message consentRequest =
                MailBox.await(email, m -> m.link("/public/consents/confirm").isPresent(), MAIL_WAIT);

        check("request-portal", suite.gateway() + "/public/requests");
        check("breach-report", suite.gateway() + "/public/incidents/report");
        check("notice", suite.gateway() + "/public/consents/notices/" + notice());
        check("consent-confirm", consentRequest.link("/public/consents/confirm").orElseThrow());
        check(
                "consent-withdrawal",
                consentRequest.link("/public/consents/withdraw").orElseThrow());
        check(
                "preference-centre",
                consentRequest.link("/public/subscriptions/preferences").orElseThrow());

        browser.manage().deleteAllCookies();
        check("centre-sign-in", suite.gateway() + "/public/requests/centre");
        element(By.id("email")).sendKeys(email);
        element(By.id("send-code")).click();
        WebElement code = element(By.id("code"));
        Accessibility.check(browser, "public-centre-code");
        code.sendKeys(code(email));
        element(By.id("sign-in")).click();
        element(By.id("address"));
        Accessibility.check(browser, "public-centre-home");
    }

    private void check(String screen, String url) {
        assertTrue(url.startsWith(suite.gateway()), screen + " is reached through the gateway: " + url);
        browser.get(url);
        element(By.tagName("h1"));
        Accessibility.check(browser, "public-" + screen);
    }

    private WebElement element(By by) {
        return element(browser, by);
    }

    /** The element once the page shows it (at most {@code PAGE_WAIT}); what the page shows instead, if not. */
    static WebElement element(WebDriver browser, By by) {
        try {
            return await().atMost(PAGE_WAIT)
                    .ignoreExceptions()
                    .until(() -> browser.findElement(by), WebElement::isDisplayed);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    by + " not shown on " + browser.getCurrentUrl() + ": "
                            + browser.findElement(By.tagName("body")).getText(),
                    e);
        }
    }

    /** The newest sign-in code mailed to the address. */
    private static String code(String email) {
        MailBox.Message mail = MailBox.await(email, m -> CODE.matcher(m.mime()).find(), MAIL_WAIT);
        Matcher matcher = CODE.matcher(mail.mime());
        assertTrue(matcher.find());
        return matcher.group(1);
    }

    /** A notice version of its own, effective next year, so the notice in force for the other tests stays. */
    private static String notice() {
        String version = "a11y-" + UUID.randomUUID().toString().substring(0, 8);
        as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "version",
                        version,
                        "language",
                        "en",
                        "title",
                        "Privacy notice",
                        "text",
                        "Who we are.\n\nWhat we process, why, and for how long.",
                        "effectiveAt",
                        Instant.now().plus(Duration.ofDays(365)).toString()))
                .when()
                .post("/api/consents/notices")
                .then()
                .statusCode(201);
        return version;
    }
}
