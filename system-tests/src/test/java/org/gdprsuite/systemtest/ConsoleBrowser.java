package org.gdprsuite.systemtest;

import java.time.Duration;
import java.time.Instant;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.HeadlessChromium;
import org.gdprsuite.testsupport.Totp;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a headless Chromium, as the console's browser tests drive it: the realm lets the console's client
 * come back to {@code http://127.0.0.1:8080/*} only, so the browser finds this run's gateway at that address
 * through a host rule; staff sign in through Keycloak's pages, with their TOTP where the realm asks for it.
 */
final class ConsoleBrowser {

    static final String CONSOLE = "http://127.0.0.1:8080/console/";
    private static final long TOTP_PERIOD_SECONDS = 30;

    private ConsoleBrowser() {}

    /** Headless Chromium that finds this run's gateway at 127.0.0.1:8080. */
    static WebDriver start() {
        WebDriver browser = HeadlessChromium.start(
                "--window-size=1280,1000",
                "--host-resolver-rules=MAP 127.0.0.1:8080 "
                        + SystemTest.suite.gateway().replace("http://", ""));
        // Elements are awaited explicitly (Awaitility), not by the driver's implicit wait.
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return browser;
    }

    static void signIn(WebDriver browser, DemoUser user) {
        signIn(browser, user.username(), user.password(), user.totpSecret());
    }

    /** Through Keycloak's pages; a TOTP code already spent (Keycloak takes each once) is retried with the next one. */
    static void signIn(WebDriver browser, String username, String password, String totpSecret) {
        browser.get(CONSOLE);
        element(browser, By.id("username")).sendKeys(username);
        element(browser, By.id("password")).sendKeys(password);
        element(browser, By.id("kc-login")).click();
        long spent = -1;
        for (int attempt = 0; totpSecret != null && attempt < 3; attempt++) {
            if (spent >= 0) {
                awaitTheTotpPeriodAfter(spent);
            }
            Instant now = Instant.now();
            spent = now.getEpochSecond() / TOTP_PERIOD_SECONDS;
            WebElement otp = element(browser, By.id("otp"));
            otp.clear();
            otp.sendKeys(Totp.code(totpSecret, now));
            element(browser, By.id("kc-login")).click();
            if (awaitSignedIn(browser)) {
                return;
            }
        }
        assertTrue(awaitSignedIn(browser), "signed in as " + username + ": " + browser.getCurrentUrl());
    }

    /** A console route, in the signed-in page (a hash change: the tokens in its memory stay). */
    static void open(WebDriver browser, String route) {
        ((JavascriptExecutor) browser).executeScript("location.hash = arguments[0]", route);
    }

    static WebElement element(WebDriver browser, By by) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> browser.findElement(by), WebElement::isDisplayed);
    }

    /** Picks an option of a select (by keyboard and mouse alike, a click on the option). */
    static void choose(WebDriver browser, String select, String value) {
        element(browser, By.id(select))
                .findElement(By.cssSelector("option[value='" + value + "']"))
                .click();
    }

    static void awaitText(WebDriver browser, By by, String text) {
        SystemTest.eventually()
                .atMost(Duration.ofSeconds(90))
                .until(() -> browser.findElement(by).getText(), t -> t.contains(text));
    }

    /** What the page keeps in the browser's storage (local and session), as one string. */
    static String storage(WebDriver browser) {
        return (String) ((JavascriptExecutor) browser)
                .executeScript("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage)");
    }

    private static void awaitTheTotpPeriodAfter(long period) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(TOTP_PERIOD_SECONDS + 5))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Instant.now().getEpochSecond() / TOTP_PERIOD_SECONDS > period);
    }

    /** Whether the console shows the signed-in page within 15 s (false: still on Keycloak's pages). */
    static boolean awaitSignedIn(WebDriver browser) {
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> browser.getCurrentUrl().startsWith(CONSOLE)
                            && browser.findElement(By.id("who")).getText().startsWith("Signed in"));
            return true;
        } catch (ConditionTimeoutException stillOnKeycloak) {
            return false;
        }
    }
}
