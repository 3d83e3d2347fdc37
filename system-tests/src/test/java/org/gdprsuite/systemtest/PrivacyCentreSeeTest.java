package org.gdprsuite.systemtest;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;
import org.gdprsuite.testsupport.HeadlessChromium;
import org.gdprsuite.testsupport.MailBox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * See in the privacy centre on the whole suite, in a real headless Chromium through the gateway: a person signed in
 * by the mailed code reads what every service holds about them, assembled from the export slices with no DPO step,
 * the page following the slices by reloading itself; a second browser signed in as another address sees none of it.
 * The pages pass axe-core's accessibility check.
 */
class PrivacyCentreSeeTest extends SystemTest {

    private static final Pattern CODE = Pattern.compile("Your code: (\\d{6})");
    private static final Duration PAGE_WAIT = Duration.ofSeconds(60);

    @Test
    void aPersonSignedInByCodeSeesTheirDataWithoutTheDpoAndAnotherAddressSeesNone() {
        String email = uniqueEmail("sven.see");
        createPerson("Sven", "Seeborg", email, Map.of());
        awaitParticipants();

        // Browsers of its own: the centre's session cookie stays with this test.
        WebDriver browser = HeadlessChromium.start();
        WebDriver other = HeadlessChromium.start();
        try {
            signIn(browser, email);
            element(browser, By.id("see")).click();
            element(browser, By.id("see-now"));
            Accessibility.check(browser, "public-centre-see");
            element(browser, By.id("see-now")).click();
            // Assembling: the page reloads itself (meta refresh) until the personal data report is there.
            awaitPage(browser, "Seeborg");
            assertTrue(browser.getPageSource().contains(email), "the report names the address");
            Accessibility.check(browser, "public-centre-see-report");

            String otherEmail = uniqueEmail("olga.other");
            createPerson("Olga", "Otherwise", otherEmail, Map.of());
            signIn(other, otherEmail);
            element(other, By.id("see")).click();
            element(other, By.id("see-now")).click();
            awaitPage(other, "Otherwise");
            assertFalse(other.getPageSource().contains("Seeborg"), "another address sees none of it");
            other.get(suite.gateway() + "/public/requests/centre/data");
            assertFalse(other.getPageSource().contains("Seeborg"));
        } finally {
            browser.quit();
            other.quit();
        }
    }

    /** Signs the browser in with the newest code mailed to the address; it ends on the centre's first page. */
    private static void signIn(WebDriver browser, String email) {
        browser.manage().deleteAllCookies();
        browser.get(suite.gateway() + "/public/requests/centre");
        element(browser, By.id("email")).sendKeys(email);
        element(browser, By.id("send-code")).click();
        WebElement code = element(browser, By.id("code"));
        MailBox.Message mail = MailBox.await(email, m -> CODE.matcher(m.mime()).find(), MAIL_WAIT);
        Matcher matcher = CODE.matcher(mail.mime());
        assertTrue(matcher.find());
        code.sendKeys(matcher.group(1));
        element(browser, By.id("sign-in")).click();
        element(browser, By.id("address"));
    }

    private static void awaitPage(WebDriver browser, String text) {
        try {
            await().atMost(PAGE_WAIT)
                    .ignoreExceptions()
                    .until(() -> browser.getPageSource().contains(text));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    text + " not shown on " + browser.getCurrentUrl() + ": "
                            + browser.findElement(By.tagName("body")).getText(),
                    e);
        }
    }

    private static WebElement element(WebDriver browser, By by) {
        return PublicPagesAccessibilityTest.element(browser, by);
    }
}
