package org.gdprsuite.systemtest;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;
import org.gdprsuite.testsupport.MailBox;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The privacy centre in a real browser through the gateway, as the system tests of its pages use it. */
final class CentreBrowser {

    static final String CENTRE = "/public/requests/centre";

    private static final Pattern CODE = Pattern.compile("Your code: (\\d{6})");
    private static final Duration PAGE_WAIT = Duration.ofSeconds(60);

    private CentreBrowser() {}

    /** Signs the browser in with the newest code mailed to the address; it ends on the centre's first page. */
    static void signIn(WebDriver browser, String email) {
        browser.manage().deleteAllCookies();
        browser.get(SystemTest.suite.gateway() + CENTRE);
        element(browser, By.id("email")).sendKeys(email);
        element(browser, By.id("send-code")).click();
        WebElement code = element(browser, By.id("code"));
        MailBox.Message mail = MailBox.await(email, m -> CODE.matcher(m.mime()).find(), SystemTest.MAIL_WAIT);
        Matcher matcher = CODE.matcher(mail.mime());
        assertTrue(matcher.find());
        code.sendKeys(matcher.group(1));
        element(browser, By.id("sign-in")).click();
        element(browser, By.id("address"));
    }

    /** Waits (at most a minute, reloading if asked) until the page shows {@code text}. */
    static void awaitPage(WebDriver browser, String text, boolean reload) {
        try {
            await().atMost(PAGE_WAIT)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> {
                        if (reload) {
                            browser.navigate().refresh();
                        }
                        return browser.getPageSource().contains(text);
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    text + " not shown on " + browser.getCurrentUrl() + ": "
                            + browser.findElement(By.tagName("body")).getText(),
                    e);
        }
    }

    static WebElement element(WebDriver browser, By by) {
        return PublicPagesAccessibilityTest.element(browser, by);
    }
}
