package org.gdprsuite.systemtest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.gdprsuite.systemtest.ConsoleBrowser.awaitSignedIn;
import static org.gdprsuite.systemtest.ConsoleBrowser.awaitText;
import static org.gdprsuite.systemtest.ConsoleBrowser.choose;
import static org.gdprsuite.systemtest.ConsoleBrowser.element;
import static org.gdprsuite.systemtest.ConsoleBrowser.open;
import static org.gdprsuite.systemtest.ConsoleBrowser.signIn;
import static org.gdprsuite.systemtest.ConsoleBrowser.start;
import static org.gdprsuite.systemtest.ConsoleBrowser.storage;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's staff screens (issue 24) in a real headless Chromium against the whole suite: the admin (with TOTP)
 * creates a staff user only with the person's consent confirmed, sees the temporary password once, changes the role,
 * issues a new password and ends the user's access; a marketer has their own profile but not the directory, and their
 * newsletter choice outlives a reload. Forms are filled and sent with the keyboard; each new screen passes the
 * accessibility check. Signs in as {@link ConsoleBrowserTest} does: the browser reaches this run's gateway at the
 * address the realm knows, {@code http://127.0.0.1:8080}.
 */
class StaffConsoleBrowserTest extends SystemTest {

    private static final String OPTED_IN = "You have opted in";
    private static final String NOT_OPTED_IN = "You have not opted in";

    @Test
    void theAdminCreatesAUserOnlyWithConsentChangesTheRoleAndEndsTheirAccess() {
        String email = uniqueEmail("nora.aalto");
        WebDriver browser = start();
        try {
            signIn(browser, DemoUser.ADMIN);
            assertTrue(
                    navigation(browser).contains("Staff"), navigation(browser).toString());
            open(browser, "#/staff");
            element(browser, By.id("staff-count"));
            Accessibility.check(browser, "console-staff-directory");

            // Without the person's consent confirmed: the API's problem, and no account.
            element(browser, By.id("add-staff")).sendKeys(Keys.ENTER);
            awaitText(browser, By.cssSelector("h1"), "Add a staff user");
            fillNewUser(browser, email);
            element(browser, By.id("email")).sendKeys(Keys.ENTER);
            awaitText(browser, By.cssSelector("[role=alert] .problem-detail"), "consent");
            assertFalse(element(browser, By.cssSelector("[role=alert] .problem-title"))
                    .getText()
                    .isBlank());
            Accessibility.check(browser, "console-staff-create-refused");
            open(browser, "#/staff");
            element(browser, By.id("staff-count"));
            assertFalse(text(browser).contains("Nora Aalto"), "no user without consent: " + text(browser));

            // With it: created, the temporary password shown once.
            element(browser, By.id("add-staff")).sendKeys(Keys.ENTER);
            awaitText(browser, By.cssSelector("h1"), "Add a staff user");
            fillNewUser(browser, email);
            element(browser, By.id("consent-confirmed")).sendKeys(Keys.SPACE);
            element(browser, By.id("email")).sendKeys(Keys.ENTER);
            WebElement created = element(browser, By.id("created"));
            String id = created.getAttribute("data-staff-id");
            assertTrue(created.getText().contains("Confirmed by admin"), created.getText());
            String password = element(browser, By.id("temporary-password")).getText();
            assertFalse(password.isBlank());
            awaitText(browser, By.id("temporary-password-notice"), "Shown only now");
            Accessibility.check(browser, "console-staff-created");

            element(browser, By.id("created-user")).sendKeys(Keys.ENTER);
            awaitText(browser, By.cssSelector("h1"), "Nora Aalto");
            awaitText(browser, By.id("staff-access"), "Active");
            assertFalse(text(browser).contains(password), "the password is shown once");
            Accessibility.check(browser, "console-staff-user");

            choose(browser, "role", "finance");
            element(browser, By.cssSelector("#change-role button[type=submit]")).sendKeys(Keys.ENTER);
            awaitText(browser, By.cssSelector("[role=status]"), "Role changed to Finance");
            awaitText(browser, By.id("staff-role"), "Finance");

            element(browser, By.id("issue-password")).sendKeys(Keys.ENTER);
            awaitText(browser, By.cssSelector("[role=status]"), "new temporary password");
            String second = element(browser, By.id("temporary-password")).getText();
            assertFalse(second.isBlank());
            assertNotEquals(password, second);

            WebElement end = element(browser, By.cssSelector("#terminate button[type=submit]"));
            end.sendKeys(Keys.ENTER);
            awaitText(browser, By.cssSelector("[role=alert] .problem-title"), "Not confirmed");
            element(browser, By.id("confirm-termination")).sendKeys(Keys.SPACE);
            end.sendKeys(Keys.ENTER);
            awaitText(browser, By.id("staff-access"), "Terminated");
            awaitText(browser, By.cssSelector("[role=status]"), "access has ended");
            assertTrue(browser.findElements(By.id("change-role")).isEmpty(), "no action after the end");
            Accessibility.check(browser, "console-staff-terminated");

            open(browser, "#/staff");
            WebElement row = element(browser, By.cssSelector("tr[data-staff-id='" + id + "']"));
            assertTrue(row.getText().contains("Nora Aalto"), row.getText());
            assertTrue(row.getText().contains("Finance"), row.getText());
            assertTrue(row.getText().contains("Terminated"), row.getText());
            assertFalse(text(browser).contains(email), "the directory shows no email");
            as(DemoUser.DPO)
                    .get("/api/staff/" + id)
                    .then()
                    .statusCode(200)
                    .body("active", equalTo(false))
                    .body("role", equalTo("finance"));
            nothingPersonalInTheBrowsersStorage(browser, email, "Nora Aalto", password, second);
        } finally {
            browser.quit();
        }
    }

    @Test
    void aMarketerHasTheirProfileButNotTheStaffAndTheirNewsletterChoiceIsKept() {
        WebDriver browser = start();
        try {
            signIn(browser, DemoUser.MARKETING);
            assertFalse(
                    navigation(browser).contains("Staff"), navigation(browser).toString());
            element(browser, By.id("profile-link")).sendKeys(Keys.ENTER);
            awaitText(browser, By.cssSelector("h1"), "Your profile");
            awaitText(browser, By.id("profile"), "Marketing");
            WebElement state = element(browser, By.id("newsletter-state"));
            String email = element(browser, By.cssSelector("#profile dd:nth-of-type(2)"))
                    .getText();
            assertTrue(email.contains("@"), "the profile shows one's email: " + email);
            Accessibility.check(browser, "console-profile");

            boolean optedIn = state.getText().startsWith(OPTED_IN);
            element(browser, By.id("newsletter-toggle")).sendKeys(Keys.ENTER);
            awaitText(browser, By.cssSelector("[role=status]"), optedIn ? "Opted out" : "Opted in");
            String kept = optedIn ? NOT_OPTED_IN : OPTED_IN;
            awaitText(browser, By.id("newsletter-state"), kept);

            browser.navigate().refresh();
            assertTrue(awaitSignedIn(browser), "signed in again after the reload: " + browser.getCurrentUrl());
            open(browser, "#/profile");
            awaitText(browser, By.id("newsletter-state"), kept);

            open(browser, "#/staff");
            awaitText(browser, By.cssSelector("h1"), "Not available");
            nothingPersonalInTheBrowsersStorage(browser, email);
        } finally {
            browser.quit();
        }
    }

    @Test
    void aUserEndsTheirOwnAccessOnceTheyConfirmIt() {
        String email = uniqueEmail("ivo.berg");
        JsonPath created = as(DemoUser.ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "firstName", "Ivo",
                        "lastName", "Berg",
                        "email", email,
                        "role", "sales",
                        "consentConfirmed", true))
                .post("/api/staff")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String id = created.getString("user.id");
        String username = created.getString("user.username");
        String password = "Chosen-" + UUID.randomUUID();
        choosePassword(id, password);

        WebDriver browser = start();
        try {
            signIn(browser, username, password, null);
            element(browser, By.id("profile-link")).sendKeys(Keys.ENTER);
            awaitText(browser, By.id("profile"), email);
            awaitText(browser, By.id("profile"), "Confirmed by admin");

            // Not confirmed: the browser keeps the form (the box is required), the access stays.
            element(browser, By.id("end-my-access")).sendKeys(Keys.ENTER);
            assertEquals(
                    Boolean.TRUE,
                    ((JavascriptExecutor) browser)
                            .executeScript("return document.getElementById('confirm-self-termination')"
                                    + ".validity.valueMissing"));
            as(DemoUser.DPO).get("/api/staff/" + id).then().statusCode(200).body("active", equalTo(true));

            element(browser, By.id("confirm-self-termination")).sendKeys(Keys.SPACE);
            element(browser, By.id("end-my-access")).sendKeys(Keys.ENTER);
            awaitText(browser, By.cssSelector("h1"), "Your access has ended");
            assertTrue(browser.findElements(By.cssSelector("#nav a")).isEmpty(), "no screen left");
            Accessibility.check(browser, "console-profile-ended");
            as(DemoUser.DPO)
                    .get("/api/staff/" + id)
                    .then()
                    .statusCode(200)
                    .body("active", equalTo(false))
                    .body("terminatedBy", equalTo(username));
        } finally {
            browser.quit();
        }
    }

    /** The password the user would choose on Keycloak's first-login page, set through the realm's admin API. */
    private static void choosePassword(String id, String password) {
        String admin = given().contentType(ContentType.URLENC)
                .formParams(Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        "gateway-staff",
                        "client_secret",
                        "gateway-staff-secret"))
                .post(Tokens.REALM_URL + "/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        String account = Tokens.REALM_URL.replace("/realms/", "/admin/realms/") + "/users/" + id;
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("type", "password", "temporary", false, "value", password))
                .put(account + "/reset-password")
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("requiredActions", List.of()))
                .put(account)
                .then()
                .statusCode(204);
    }

    /** The new user's name, address and role; the consent box left as it is. */
    private static void fillNewUser(WebDriver browser, String email) {
        element(browser, By.id("first-name")).sendKeys("Nora");
        element(browser, By.id("last-name")).sendKeys("Aalto");
        element(browser, By.id("email")).sendKeys(email);
        choose(browser, "new-role", "support");
    }

    private static List<String> navigation(WebDriver browser) {
        element(browser, By.cssSelector("#nav a"));
        return browser.findElements(By.cssSelector("#nav a")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static String text(WebDriver browser) {
        return element(browser, By.id("main")).getText();
    }

    /** Neither the tokens nor anything the screens showed is kept in the browser's storage. */
    private static void nothingPersonalInTheBrowsersStorage(WebDriver browser, String... shown) {
        String stored = storage(browser);
        assertFalse(stored.contains("eyJ"), "no token in the browser's storage: " + stored);
        for (String value : shown) {
            assertFalse(stored.contains(value), value + " is not in the browser's storage: " + stored);
        }
    }
}
