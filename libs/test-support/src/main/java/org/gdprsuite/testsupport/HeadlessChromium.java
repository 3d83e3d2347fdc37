package org.gdprsuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (the system's {@code /usr/bin/chromium} and {@code chromedriver}) for the tests of the
 * suite's public pages, as a person meets them. A module using it declares {@code selenium-chrome-driver} itself
 * (test scope): this library only compiles against it.
 */
public final class HeadlessChromium {

    private static WebDriver shared;

    private HeadlessChromium() {}

    /**
     * The test JVM's browser, started on first use and quit when the JVM exits: a test takes it in a field
     * ({@code private final WebDriver browser = HeadlessChromium.shared();}) and needs no set-up or tear-down of its
     * own. Test classes of one module share it, so a test does not count on a fresh profile (cookies, history).
     */
    public static synchronized WebDriver shared() {
        if (shared == null) {
            WebDriver browser = start();
            Runtime.getRuntime().addShutdownHook(new Thread(browser::quit, "headless-chromium-quit"));
            shared = browser;
        }
        return shared;
    }

    /**
     * A browser of its own (the caller quits it), with a fresh profile, quiet (no sync, updates or background
     * calls). Elements are looked for up to 10 s: a click that submits a form is followed by looking for what the
     * next page shows. {@code moreArguments}: further command-line switches (a window size, host-resolver rules).
     */
    public static WebDriver start(String... moreArguments) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile());
        options.addArguments(moreArguments);
        WebDriver browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        return browser;
    }

    /**
     * Clicks {@code button}, which submits a form, and waits (at most 30 s) until the page it leads to has replaced
     * this one: an element on both pages, looked for too early, would be the old page's and go stale under the test.
     */
    public static void submit(WebDriver browser, By button) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(button).click();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> isGone(page));
    }

    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        }
    }

    private static Path profile() {
        try {
            return Files.createTempDirectory("chromium-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
