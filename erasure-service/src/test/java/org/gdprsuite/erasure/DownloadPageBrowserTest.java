package org.gdprsuite.erasure;

import java.time.Duration;
import java.util.UUID;

import org.gdprsuite.testsupport.HeadlessChromium;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
 * it is opened, as a mail scanner would), its button brings the export once, the link then says it was used.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class DownloadPageBrowserTest {

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

        browser.get(link);
        assertEquals("Already downloaded", browser.findElement(By.tagName("h1")).getText());
        given().formParam("token", ReadyExports.token(id))
                .when()
                .post("/public/requests/download")
                .then()
                .statusCode(410);
    }
}
