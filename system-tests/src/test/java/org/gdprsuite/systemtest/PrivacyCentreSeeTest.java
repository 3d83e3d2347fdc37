package org.gdprsuite.systemtest;

import java.util.Map;

import org.gdprsuite.testsupport.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * See in the privacy centre on the whole suite, in a real headless Chromium through the gateway: a person signed in
 * by the mailed code reads what every service holds about them, assembled from the export slices with no DPO step,
 * the page following the slices by reloading itself; a second browser signed in as another address sees none of it.
 * The pages pass axe-core's accessibility check.
 */
class PrivacyCentreSeeTest extends SystemTest {

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
            // The same data as a machine-readable file (Art. 20), linked from the report, for this session only.
            element(browser, By.id("download-json"));
            String cookie = browser.manage().getCookieNamed("gdpr_centre").getValue();
            String json = anonymous()
                    .cookie("gdpr_centre", cookie)
                    .when()
                    .get("/public/requests/centre/data/my-data.json")
                    .then()
                    .statusCode(200)
                    .contentType("application/json")
                    .header("Content-Disposition", "attachment; filename=\"my-data.json\"")
                    .header("Cache-Control", "no-store")
                    .extract()
                    .asString();
            assertTrue(json.contains("Seeborg") && json.contains("\"slices\""), json);

            String otherEmail = uniqueEmail("olga.other");
            createPerson("Olga", "Otherwise", otherEmail, Map.of());
            signIn(other, otherEmail);
            element(other, By.id("see")).click();
            element(other, By.id("see-now")).click();
            awaitPage(other, "Otherwise");
            assertFalse(other.getPageSource().contains("Seeborg"), "another address sees none of it");
            other.get(suite.gateway() + "/public/requests/centre/data");
            assertFalse(other.getPageSource().contains("Seeborg"));
            String othersFile = anonymous()
                    .cookie(
                            "gdpr_centre",
                            other.manage().getCookieNamed("gdpr_centre").getValue())
                    .when()
                    .get("/public/requests/centre/data/my-data.json")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertTrue(othersFile.contains("Otherwise") && !othersFile.contains("Seeborg"));
        } finally {
            browser.quit();
            other.quit();
        }
    }

    private static void signIn(WebDriver browser, String email) {
        CentreBrowser.signIn(browser, email);
    }

    private static void awaitPage(WebDriver browser, String text) {
        CentreBrowser.awaitPage(browser, text, false);
    }

    private static WebElement element(WebDriver browser, By by) {
        return CentreBrowser.element(browser, by);
    }
}
