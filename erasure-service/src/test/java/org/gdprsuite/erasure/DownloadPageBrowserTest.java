package org.gdprsuite.erasure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.testsupport.HeadlessChromium;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The export download as a person meets it, in a real headless Chromium: the mailed link opens a page (as often as
 * it is opened, as a mail scanner would), its button brings the export once as the personal data report with every
 * section (its screenshot kept), the link then says it was used.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class DownloadPageBrowserTest {

    /** The report's sections (Art. 15(1)), in the order a person reads them. */
    private static final List<String> SECTIONS = List.of(
            "who",
            "held",
            "why",
            "source",
            "recipients",
            "consents",
            "subscriptions",
            "activities",
            "requests",
            "incidents",
            "reads",
            "rights");

    private final WebDriver browser = HeadlessChromium.shared();

    @TestHTTPResource("/")
    String base;

    @Test
    void theLinkOpensAPageWhoseButtonBringsTheExportOnce() {
        UUID id = ReadyExports.ready();
        String link = ReadyExports.localLink(id, base);

        browser.get(link);
        assertEquals("Your copy of your data", browser.getTitle());
        assertEquals("en", browser.findElement(By.tagName("html")).getAttribute("lang"));
        browser.navigate().refresh();
        browser.get(link);
        assertEquals("Your copy of your data", browser.getTitle(), "opening the link again spends nothing");
        assertTrue(browser.findElement(By.id("download")).isDisplayed());

        browser.findElement(By.id("read")).click();
        // The click submits a form; the report arrives as a new page, so wait for it (bounded).
        await().atMost(Duration.ofSeconds(10)).until(browser::getTitle, "Your personal data"::equals);
        assertTrue(browser.findElement(By.id("held")).getText().contains("Ada Lovelace"));
        for (String section : SECTIONS) {
            assertTrue(browser.findElement(By.id(section)).isDisplayed(), section);
        }
        keepScreenshot("personal-data-report.png");

        browser.get(link);
        assertEquals("Already downloaded", browser.findElement(By.tagName("h1")).getText());
        given().formParam("token", ReadyExports.token(id))
                .when()
                .post("/public/requests/download")
                .then()
                .statusCode(410);
    }

    /** The report as the person saw it, kept with the build's test results (target/screenshots). */
    private void keepScreenshot(String name) {
        try {
            Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
            Files.copy(
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                    screenshots.resolve(name),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
