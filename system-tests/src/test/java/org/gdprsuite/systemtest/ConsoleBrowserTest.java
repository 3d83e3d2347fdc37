package org.gdprsuite.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gdprsuite.events.Topics;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.MailBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static org.gdprsuite.systemtest.ConsoleBrowser.awaitText;
import static org.gdprsuite.systemtest.ConsoleBrowser.choose;
import static org.gdprsuite.systemtest.ConsoleBrowser.element;
import static org.gdprsuite.systemtest.ConsoleBrowser.open;
import static org.gdprsuite.systemtest.ConsoleBrowser.signIn;
import static org.gdprsuite.systemtest.ConsoleBrowser.start;
import static org.gdprsuite.systemtest.ConsoleBrowser.storage;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DPO console (module console, served by the gateway at /console/) in a real headless Chromium: the staff sign
 * in through Keycloak (the DPO with TOTP), work requests and breaches, and see only their role's screens. Each
 * screen passes axe-core's accessibility check (no serious or critical violation) and leaves a screenshot in
 * target/screenshots.
 *
 * <p>The realm lets the console's client come back to {@code http://127.0.0.1:8080/*} only, the address of
 * {@code ./suite up}; the browser reaches this run's gateway (a free port) at that address through a host rule,
 * so Keycloak sees the console where users find it.
 */
class ConsoleBrowserTest extends SystemTest {

    private static final Pattern REQUEST_ID = Pattern.compile("/public/requests/([0-9a-f-]{36})/verification");
    private static final Pattern CODE = Pattern.compile("Your code: (\\d{6})");
    private static final String NATIONAL_ID = "756.1234.5678.97";

    /** The DPO's browser, signed in once: Keycloak takes each TOTP code once. */
    private static WebDriver dpo;

    @AfterAll
    static void quit() {
        if (dpo != null) {
            dpo.quit();
        }
    }

    @Test
    void theDpoApprovesAPortalRequestAndSeesEveryParticipantFinish() {
        String email = uniqueEmail("ines.moreau");
        createPerson("Ines", "Moreau", email, Map.of());
        awaitParticipants();
        UUID request = verifiedPortalRequest("ACCESS", email);

        WebDriver browser = dpo();
        open(browser, "#/requests?status=VERIFIED");
        WebElement row = element(browser, By.cssSelector("tr[data-request-id='" + request + "']"));
        assertTrue(row.getText().contains(email), row.getText());
        accessible(browser, "requests-queue");
        row.findElement(By.linkText("Access request")).click();
        awaitText(browser, By.id("request-status"), "Verified");
        accessible(browser, "request-verified");

        element(browser, By.id("approve")).click();
        awaitText(browser, By.id("request-status"), "Completed");
        List<WebElement> participants = browser.findElements(By.cssSelector("tr[data-participant]"));
        assertTrue(
                participants.stream()
                        .map(p -> p.getAttribute("data-participant"))
                        .toList()
                        .containsAll(PARTICIPANTS),
                "every participant is shown");
        participants.forEach(p -> assertTrue(p.getText().contains("Done"), p.getText()));
        assertTrue(
                element(browser, By.cssSelector("section[aria-labelledby='audit-heading']"))
                        .getText()
                        .contains("dpo"),
                "the audit trail names the approver");
        accessible(browser, "request-completed");
        noTokenInTheBrowsersStorage(browser);
    }

    @Test
    void theDpoExtendsARequestWithAReasonAndSeesTheProblemOfAWrongCall() {
        String email = uniqueEmail("pavel.novak");
        String request = staffRequest(Map.of("type", "ERASURE", "email", email));

        WebDriver browser = dpo();
        open(browser, "#/requests/" + request);
        awaitText(browser, By.cssSelector("h1"), "Erasure request");
        choose(browser, "extend-months", "2");
        element(browser, By.id("extend-reason")).sendKeys("Backups of three systems must be searched");
        element(browser, By.cssSelector("#extend button[type=submit]")).click();
        awaitText(browser, By.cssSelector("[role=status]"), "Extended");
        awaitText(browser, By.cssSelector("section[aria-labelledby='dates-heading']"), "2 month(s): Backups");
        requestAsTheApiShowsIt(request)
                .body("extendedMonths", org.hamcrest.Matchers.equalTo(2))
                .body("extensionReason", containsString("Backups"));
        accessible(browser, "request-extended");

        // A request that does not exist: the API's problem is shown with its title and detail.
        open(browser, "#/requests/" + UUID.randomUUID());
        WebElement problem = element(browser, By.cssSelector("[role=alert] .problem-title"));
        assertFalse(problem.getText().isBlank());
        assertFalse(element(browser, By.cssSelector("[role=alert] .problem-detail"))
                .getText()
                .isBlank());
    }

    @Test
    void theDpoApprovesARectificationAndCompletesItOnceTheDataIsCorrected() {
        UUID person = createPerson("Tomas", "Berg", uniqueEmail("tomas.berg"), Map.of());
        String request = staffRequest(Map.of("type", "RECTIFICATION", "personIds", List.of(person.toString())));

        WebDriver browser = dpo();
        open(browser, "#/requests/" + request);
        awaitText(browser, By.cssSelector("h1"), "Rectification request");
        element(browser, By.id("approve")).click();
        awaitText(browser, By.id("request-status"), "Approved");
        WebElement rectify = element(browser, By.id("rectify"));
        assertTrue(
                rectify.findElement(By.cssSelector("a[href='#/persons/" + person + "']"))
                        .isDisplayed(),
                "the person to correct is linked");
        assertTrue(element(browser, By.id("tell-recipients")).isSelected(), "recipients are told by default");
        accessible(browser, "request-rectification");

        element(browser, By.id("complete")).click();
        awaitText(browser, By.id("request-status"), "Completed");
        awaitText(browser, By.cssSelector("[role=status]"), "recipient notice(s)");
        awaitText(browser, By.cssSelector("section[aria-labelledby='audit-heading']"), "completed");
        requestAsTheApiShowsIt(request).body("status", org.hamcrest.Matchers.equalTo("COMPLETED"));
    }

    @Test
    void theDpoLooksAtAndHandsOverTheExportOfARequestNamingOnlyAPersonId() throws IOException {
        String email = uniqueEmail("ana.silva");
        UUID person = createPerson("Ana", "Silva", email, Map.of());
        awaitParticipants();
        String request = staffRequest(Map.of("type", "ACCESS", "personIds", List.of(person.toString())));

        WebDriver browser = dpo();
        Path downloads = Files.createDirectories(Path.of("target", "downloads")).toAbsolutePath();
        ((ChromiumDriver) browser)
                .executeCdpCommand(
                        "Browser.setDownloadBehavior",
                        Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        open(browser, "#/requests/" + request);
        awaitText(browser, By.cssSelector("h1"), "Access request");
        element(browser, By.id("approve")).click();
        awaitText(browser, By.id("request-status"), "Completed");
        awaitText(browser, By.id("export"), "no link was mailed");

        element(browser, By.id("look-at-export")).click();
        awaitText(browser, By.cssSelector("[data-slice='contact-service']"), email);
        accessible(browser, "request-export");

        element(browser, By.id("hand-over")).click();
        awaitText(browser, By.cssSelector("#export [role=status]"), "Handed over");
        assertEquals(
                "export-" + request + ".json",
                element(browser, By.id("export-file")).getAttribute("download"));
        Path file = downloads.resolve("export-" + request + ".json");
        eventually().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(file) && Files.size(file) > 0);
        assertTrue(Files.readString(file).contains(person.toString()), "the file is the person's export");
        awaitText(browser, By.cssSelector("section[aria-labelledby='audit-heading']"), "export handed over");
        assertTrue(browser.findElements(By.id("hand-over")).isEmpty(), "an export is handed over once");
        as(DemoUser.DPO)
                .when()
                .post("/api/requests/" + request + "/export/handover")
                .then()
                .statusCode(409);
    }

    @Test
    void aBreachIsReportedAssessedHighRiskAndItsPersonsAddedAndNotifiedUnderTheClock() {
        String email = uniqueEmail("lea.fischer");
        UUID person = createPerson("Lea", "Fischer", email, Map.of());

        WebDriver browser = dpo();
        open(browser, "#/breaches");
        element(browser, By.linkText("Report a breach")).click();
        element(browser, By.id("title")).sendKeys("Laptop with customer list stolen");
        element(browser, By.cssSelector("input[name=nature][value=CONFIDENTIALITY]"))
                .click();
        element(browser, By.id("description")).sendKeys("An unencrypted laptop was stolen from a car");
        accessible(browser, "breach-report");
        element(browser, By.cssSelector("#report button[type=submit]")).click();
        awaitText(browser, By.cssSelector("h1"), "Laptop with customer list stolen");
        assertTrue(element(browser, By.cssSelector(".clock")).getText().matches("7[12]:\\d\\d:\\d\\d left"));

        element(browser, By.cssSelector("#advance button[type=submit]")).click();
        awaitText(browser, By.cssSelector("[role=status]"), "Now triaged");
        choose(browser, "likelihood", "LIKELY");
        choose(browser, "severity", "HIGH");
        element(browser, By.id("rationale")).sendKeys("Names and addresses readable by the thief");
        element(browser, By.cssSelector("#assess button[type=submit]")).click();
        awaitText(browser, By.cssSelector("[role=status]"), "High risk");

        element(browser, By.id("person-ids")).sendKeys(person + "\n");
        element(browser, By.cssSelector("#affected button[type=submit]")).click();
        awaitText(browser, By.cssSelector("[role=status]"), "1 affected person(s) added");
        element(browser, By.cssSelector("#notify button[type=submit]")).click();
        awaitText(browser, By.cssSelector("[role=status]"), "1 notice(s) sent");
        accessible(browser, "breach-notified");
        element(browser, By.id("authority-reference")).sendKeys("DPA-2026-0815");
        element(browser, By.cssSelector("#authority button[type=submit]")).click();
        awaitText(browser, By.cssSelector(".facts"), "Authority notified");

        open(browser, "#/breaches");
        awaitText(browser, By.cssSelector("tbody"), "Laptop with customer list stolen");
        accessible(browser, "breaches-register");
    }

    @Test
    void theDpoFindsAPersonCorrectsTheirNameAndRestrictsThenLiftsProcessing() {
        String email = uniqueEmail("marta.kowalska");
        UUID person = personWithSensitiveData("Marta", "Kowalsky", email);
        eventually().until(() -> decision(person, CUSTOMER_CARE));

        WebDriver browser = dpo();
        open(browser, "#/persons");
        element(browser, By.id("search-email")).sendKeys(email + "\n");
        WebElement row = element(browser, By.cssSelector("tr[data-person-id='" + person + "']"));
        accessible(browser, "persons-search");
        row.findElement(By.linkText("Marta Kowalsky")).click();
        awaitText(browser, By.cssSelector("h1"), "Marta Kowalsky");
        awaitText(browser, By.id("fields"), NATIONAL_ID);
        awaitText(browser, By.cssSelector("#consents tr[data-purpose='" + CUSTOMER_CARE + "']"), "Allowed");
        assertTrue(browser.findElements(By.id("hidden-fields")).isEmpty(), "the DPO sees every field");
        element(browser, By.cssSelector("#consents tr[data-purpose='" + CUSTOMER_CARE + "'] button"))
                .click();
        awaitText(browser, By.cssSelector("#purpose-history caption"), "History of Customer care");
        accessible(browser, "person-dpo");

        element(browser, By.cssSelector("#correction summary")).click();
        WebElement lastName = element(browser, By.id("field-lastName"));
        lastName.clear();
        lastName.sendKeys("Kowalska");
        element(browser, By.cssSelector("#correct button[type=submit]")).click();
        awaitText(browser, By.cssSelector("[role=status]"), "Corrected: Last name");
        awaitText(browser, By.cssSelector("h1"), "Marta Kowalska");

        element(browser, By.id("restriction")).click();
        awaitText(browser, By.id("processing"), "Restricted");
        assertPerson(person, true, "Kowalska");
        accessible(browser, "person-restricted");
        element(browser, By.id("restriction")).click();
        awaitText(browser, By.id("processing"), "Allowed");
        assertPerson(person, false, "Kowalska");
    }

    @Test
    void theDpoSeesWhoReadARecordAndTheOpenBreachesInTheComplianceOverview() {
        UUID person = createPerson("Olga", "Petrova", uniqueEmail("olga.petrova"), Map.of());
        String breach = as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Invoice mailed to the wrong customer",
                        "nature",
                        List.of("CONFIDENTIALITY"),
                        "description",
                        "One invoice went to another customer's address",
                        "awareAt",
                        Instant.now().minus(Duration.ofHours(2)).toString()))
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        WebDriver browser = dpo();
        open(browser, "#/persons/" + person);
        awaitText(browser, By.cssSelector("h1"), "Olga Petrova");
        // The gateway writes its log in batches: the DPO's reading is there within a few seconds.
        eventually()
                .until(() -> as(DemoUser.DPO)
                                .queryParam("personId", person.toString())
                                .when()
                                .get("/api/access-log")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<Integer>path("total")
                        > 0);
        element(browser, By.id("who-read")).click();
        awaitText(browser, By.cssSelector("#main tbody"), "/api/contacts/persons/" + person);
        element(browser, By.id("log-principal")).sendKeys("dpo\n");
        awaitText(browser, By.cssSelector("#main tbody"), "dpo");
        assertTrue(browser.getCurrentUrl().contains("principal=dpo"), browser.getCurrentUrl());
        browser.findElements(By.cssSelector("#main tbody tr td:nth-child(2)"))
                .forEach(cell -> assertTrue(cell.getText().contains("dpo"), cell.getText()));
        accessible(browser, "access-log");

        open(browser, "#/compliance");
        WebElement open = element(browser, By.cssSelector("#open-breaches tr[data-incident-id='" + breach + "']"));
        assertTrue(open.getText().contains("Invoice mailed to the wrong customer"), open.getText());
        assertTrue(
                open.findElement(By.cssSelector(".clock")).getText().matches("(69|70):\\d\\d:\\d\\d left"),
                open.getText());
        awaitText(browser, By.id("base"), "persons in the CRM");
        awaitText(browser, By.id("overdue"), "request(s) overdue");
        awaitText(browser, By.id("due-soon"), "request(s) due soon");
        accessible(browser, "compliance");
    }

    @Test
    void theComplianceOverviewShowsTheDeadLettersWaitingAndTheOutboxLagOfEveryService() {
        WebDriver browser = dpo();
        open(browser, "#/compliance");
        awaitText(browser, By.id("backbone-status"), "6 of 6 services answered");
        List<WebElement> services = browser.findElements(By.cssSelector("#outbox li[data-service]"));
        assertEquals(
                List.of(
                        "contact-service",
                        "consent-service",
                        "subscription-service",
                        "erasure-service",
                        "incident-service",
                        "gateway"),
                services.stream().map(s -> s.getAttribute("data-service")).toList());
        services.forEach(s -> assertTrue(s.getText().contains(" waiting"), s.getText()));
        String inbound = "#dead-letters li[data-topic='" + Topics.deadLetter(Topics.CONSENT_INBOUND) + "']";
        assertTrue(element(browser, By.cssSelector(inbound)).getText().contains("consent-service"));
        long before = Long.parseLong(
                element(browser, By.cssSelector(inbound + " [data-count]")).getAttribute("data-count"));

        // An integrating system publishes something that is no event at all: consent-service dead-letters it.
        KafkaProbe.send(suite.topic(Topics.CONSENT_INBOUND), UUID.randomUUID().toString(), "{\"not\": \"an event\"");
        eventually().until(() -> {
            element(browser, By.id("backbone-refresh")).click();
            awaitText(browser, By.id("backbone-status"), "services answered");
            return Long.parseLong(element(browser, By.cssSelector(inbound + " [data-count]"))
                            .getAttribute("data-count"))
                    > before;
        });
        assertTrue(
                Long.parseLong(element(browser, By.cssSelector("#dead-letters [data-count]"))
                                .getAttribute("data-count"))
                        > before,
                "the total counts it");
        accessible(browser, "compliance-backbone");

        // A service that does not answer is shown unavailable; the rest of the page stays.
        ChromiumDriver chromium = (ChromiumDriver) browser;
        chromium.executeCdpCommand("Network.enable", Map.of());
        chromium.executeCdpCommand(
                "Network.setBlockedURLs", Map.of("urls", List.of("*/api/operations/incident-service")));
        try {
            element(browser, By.id("backbone-refresh")).click();
            awaitText(browser, By.id("backbone-status"), "5 of 6 services answered");
            WebElement incident = element(browser, By.cssSelector("#outbox li[data-service='incident-service']"));
            assertEquals("unavailable", incident.getAttribute("data-state"));
            assertTrue(incident.getText().contains("unavailable"), incident.getText());
            assertFalse(element(
                            browser,
                            By.cssSelector("#backbone-unavailable li[data-service='incident-service'] .problem-title"))
                    .getText()
                    .isBlank());
            assertTrue(element(browser, By.cssSelector(inbound)).isDisplayed(), "the other services' figures stay");
            awaitText(browser, By.id("base"), "persons in the CRM");
            accessible(browser, "compliance-backbone-unavailable");
        } finally {
            chromium.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
            chromium.executeCdpCommand("Network.disable", Map.of());
        }
    }

    @Test
    void theDpoDefinesAPurposeAndPublishesANoticeInThePrivacySettings() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String key = "console-events-" + suffix;
        String version = "console-" + suffix;

        WebDriver browser = dpo();
        open(browser, "#/settings");
        awaitText(browser, By.cssSelector("h1"), "Privacy settings");
        awaitText(browser, By.cssSelector("#purposes tr[data-purpose='" + CUSTOMER_CARE + "']"), "Contract");
        awaitText(browser, By.cssSelector("#subscription-types tr[data-type='" + PRODUCT_NEWS + "']"), "Product news");
        eventually()
                .until(() -> element(browser, By.id("send-consent-requests")).isEnabled());

        // A purpose without a default basis: the persons the other tests create get nothing from it.
        element(browser, By.id("purpose-key")).sendKeys(key);
        element(browser, By.id("purpose-name")).sendKeys("Event invitations by post");
        element(browser, By.id("purpose-description")).sendKeys("Invitations to our customer events");
        element(browser, By.id("purpose-direct-marketing")).click();
        element(browser, By.id("purpose-categories")).sendKeys("contact details, event attendance");
        element(browser, By.id("purpose-retention")).sendKeys("P1Y");
        element(browser, By.cssSelector("#purpose-form button[type=submit]")).click();
        awaitText(browser, By.id("purposes-message"), "saved");
        WebElement purpose = element(browser, By.cssSelector("#purposes tr[data-purpose='" + key + "']"));
        assertTrue(purpose.getText().contains("Event invitations by post"), purpose.getText());
        assertTrue(purpose.getText().contains("event attendance"), purpose.getText());

        // Changed from its row: the form is filled with the purpose, the name is edited.
        purpose.findElement(By.cssSelector("button")).click();
        WebElement name = element(browser, By.id("purpose-name"));
        assertEquals("Event invitations by post", name.getAttribute("value"));
        name.clear();
        name.sendKeys("Event invitations");
        element(browser, By.cssSelector("#purpose-form button[type=submit]")).click();
        awaitText(browser, By.id("purposes-message"), "Purpose Event invitations (" + key + ") saved");
        as(DemoUser.DPO)
                .when()
                .get("/api/consents/purposes/" + key)
                .then()
                .statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo("Event invitations"))
                .body("directMarketing", org.hamcrest.Matchers.equalTo(true))
                .body("consentRequired", org.hamcrest.Matchers.equalTo(false))
                .body("retentionPeriod", org.hamcrest.Matchers.equalTo("P1Y"));

        // A wrong period: the API's problem is shown in the section.
        element(browser, By.id("purpose-key")).sendKeys(key);
        element(browser, By.id("purpose-name")).sendKeys("Event invitations");
        element(browser, By.id("purpose-retention")).sendKeys("two years");
        element(browser, By.cssSelector("#purpose-form button[type=submit]")).click();
        assertFalse(element(browser, By.cssSelector("#purposes-failure [role=alert] .problem-title"))
                .getText()
                .isBlank());
        awaitText(browser, By.cssSelector("#purposes-failure [role=alert]"), "ISO-8601");
        accessible(browser, "settings");

        // A version in force a year from now: the notice the other tests' persons are shown stays the same.
        element(browser, By.id("notice-version")).sendKeys(version);
        element(browser, By.id("notice-title")).sendKeys("Privacy notice " + suffix);
        element(browser, By.id("notice-text")).sendKeys("Who we are.\nWhat we process, why, and for how long.");
        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].value = arguments[1]",
                        element(browser, By.id("notice-effective")),
                        LocalDateTime.now()
                                .plusYears(1)
                                .withNano(0)
                                .withSecond(0)
                                .toString());
        element(browser, By.cssSelector("#notice-form button[type=submit]")).click();
        awaitText(browser, By.id("notices-message"), "Version " + version + " published");
        WebElement notice = element(browser, By.cssSelector("#notices tr[data-notice='" + version + "']"));
        assertTrue(notice.getText().contains("Privacy notice " + suffix), notice.getText());
        assertTrue(
                notice.findElement(By.cssSelector("a"))
                        .getAttribute("href")
                        .contains("/public/consents/notices/" + version),
                "the version's public page is linked");
        accessible(browser, "settings-notice");
        noTokenInTheBrowsersStorage(browser);
    }

    @Test
    void theDpoAddsARetentionPolicyAndSeesItsDryRunsMatchesBeforeAnySweep() {
        createPerson("Karl", "Lind", uniqueEmail("karl.lind"), Map.of());
        String policy = "Customers, console " + UUID.randomUUID().toString().substring(0, 8);

        WebDriver browser = dpo();
        open(browser, "#/settings");
        awaitText(browser, By.cssSelector("h1"), "Privacy settings");
        element(browser, By.id("policy-name")).sendKeys(policy);

        // No criterion: contact-service refuses a policy that would match everybody; its problem is shown.
        element(browser, By.id("policy-enabled")).click();
        element(browser, By.cssSelector("#policy-form button[type=submit]")).click();
        awaitText(browser, By.cssSelector("#retention-failure [role=alert]"), "at least one criterion");
        assertFalse(element(browser, By.cssSelector("#retention-failure .problem-title"))
                .getText()
                .isBlank());

        // Disabled, so no scheduled sweep picks it up while the suite runs.
        choose(browser, "policy-category", "CUSTOMER");
        element(browser, By.cssSelector("#policy-form button[type=submit]")).click();
        awaitText(browser, By.id("retention-message"), "Policy " + policy + " added (disabled)");
        WebElement row =
                element(browser, By.xpath("//section[@id='retention']//tr[td[1][normalize-space()='" + policy + "']]"));
        assertTrue(row.getText().contains("category customer"), row.getText());
        assertTrue(row.getText().contains("Not approved"), row.getText());
        String id = row.getAttribute("data-policy-id");

        row.findElement(By.cssSelector("button[data-action='dry-run']")).click();
        awaitText(browser, By.id("dry-run"), "person(s) match now");
        long matched = Long.parseLong(
                element(browser, By.cssSelector("#dry-run [data-count]")).getAttribute("data-count"));
        assertTrue(matched >= 1, "the new customer matches: " + matched);
        assertFalse(
                browser.findElements(By.cssSelector("#dry-run .sample a")).isEmpty(), "the first matches are listed");
        assertFalse(element(browser, By.id("sweep")).isEnabled(), "no sweep before the matches are confirmed");
        accessible(browser, "settings-retention");

        as(DemoUser.DPO)
                .when()
                .get("/api/contacts/retention/sweeps?size=500")
                .then()
                .statusCode(200)
                .body("items.policyId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));
    }

    @Test
    void theDpoDescribesABreachRecordsTheAuthoritysNotificationAndPrintsTheArt33Report() {
        Instant aware = Instant.now().minus(Duration.ofHours(5));
        String breach = as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Backup tape lost in transit",
                        "nature",
                        List.of("CONFIDENTIALITY"),
                        "description",
                        "A courier lost a backup tape of the CRM",
                        "awareAt",
                        aware.toString()))
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(Map.of("status", "TRIAGED"))
                .when()
                .post("/api/incidents/" + breach + "/status")
                .then()
                .statusCode(200);
        as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(Map.of("likelihood", "LIKELY", "severity", "MEDIUM", "rationale", "Contact details readable"))
                .when()
                .post("/api/incidents/" + breach + "/assessment")
                .then()
                .statusCode(200);

        WebDriver browser = dpo();
        open(browser, "#/breaches/" + breach);
        awaitText(browser, By.cssSelector("h1"), "Backup tape lost in transit");

        // The details the notification must give (Art. 33(3)), in the breach's form.
        element(browser, By.cssSelector("#details input[name=nature][value=AVAILABILITY]"))
                .click();
        localTime(browser, "occurred-at", aware.minus(Duration.ofDays(1)));
        element(browser, By.id("data-categories")).sendKeys("contact details, purchase history");
        element(browser, By.id("approx-subjects")).sendKeys("2500");
        element(browser, By.id("approx-records")).sendKeys("12000");
        element(browser, By.id("likely-consequences")).sendKeys("Unsolicited contact and phishing attempts");
        element(browser, By.id("measures")).sendKeys("Courier contract reviewed; tapes encrypted from now on");
        WebElement contact = element(browser, By.id("dpo-contact")); // offered from the register, if written
        contact.clear();
        contact.sendKeys("Data protection officer, dpo@example.org");
        accessible(browser, "breach-details");
        element(browser, By.cssSelector("#details button[type=submit]")).click();
        awaitText(browser, By.cssSelector("[role=status]"), "details are saved");
        assertEquals("2500", element(browser, By.id("approx-subjects")).getAttribute("value"));

        // The notification to the authority: when it was sent, and its reference.
        localTime(browser, "notified-at", aware.plus(Duration.ofHours(1)));
        element(browser, By.id("authority-reference")).sendKeys("DPA-2026-4711");
        element(browser, By.cssSelector("#authority button[type=submit]")).click();
        awaitText(browser, By.cssSelector("[role=status]"), "notification is recorded");
        as(DemoUser.DPO)
                .when()
                .get("/api/incidents/" + breach)
                .then()
                .statusCode(200)
                .body("nature", org.hamcrest.Matchers.equalTo(List.of("CONFIDENTIALITY", "AVAILABILITY")))
                .body("dataCategories", org.hamcrest.Matchers.equalTo(List.of("contact details", "purchase history")))
                .body("approxSubjects", org.hamcrest.Matchers.equalTo(2500))
                .body("authorityReference", org.hamcrest.Matchers.equalTo("DPA-2026-4711"))
                .body("authorityNotifiedAt", org.hamcrest.Matchers.startsWith(minute(aware.plus(Duration.ofHours(1)))));

        element(browser, By.id("authority-report-link")).click();
        awaitText(browser, By.cssSelector("h1"), "Notification of a personal data breach");
        awaitText(browser, By.cssSelector("[data-part='nature']"), "about 2,500");
        List<String> headings = browser.findElements(By.cssSelector(".report h2")).stream()
                .map(WebElement::getText)
                .toList();
        for (String required : List.of(
                "Nature of the breach (Art. 33(3)(a))",
                "Data protection officer or other contact point (Art. 33(3)(b))",
                "Likely consequences of the breach (Art. 33(3)(c))",
                "Measures taken or proposed (Art. 33(3)(d))")) {
            assertTrue(headings.contains(required), required + " in " + headings);
        }
        String report = element(browser, By.cssSelector(".report")).getText();
        for (String content : List.of(
                "confidentiality breach, availability breach",
                "contact details, purchase history",
                "about 12,000",
                "dpo@example.org",
                "phishing attempts",
                "tapes encrypted",
                "reference DPA-2026-4711")) {
            assertTrue(report.contains(content), content + " in " + report);
        }
        // Every point of Art. 33(3) is filled from the form: no fact is marked "Not recorded".
        assertTrue(
                browser.findElements(By.cssSelector(".report [data-part] .gap")).isEmpty(), report);
        accessible(browser, "breach-authority-report");

        // On paper: the report without the bar and the button.
        ChromiumDriver chromium = (ChromiumDriver) browser;
        chromium.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertFalse(element(browser, By.cssSelector(".report h2")).getText().isBlank());
            assertFalse(browser.findElement(By.id("print")).isDisplayed(), "no button on paper");
            assertFalse(browser.findElement(By.cssSelector("header.bar")).isDisplayed(), "no navigation on paper");
        } finally {
            chromium.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
        assertTrue(element(browser, By.id("print")).isDisplayed());
    }

    @Test
    void marketingSeesNeitherRequestsNorBreachesNorSensitiveFields() {
        String email = uniqueEmail("jonas.weber");
        UUID person = personWithSensitiveData("Jonas", "Weber", email);
        WebDriver browser = start();
        try {
            signIn(browser, DemoUser.MARKETING);
            awaitText(browser, By.id("who"), "marketing");
            List<String> screens = browser.findElements(By.cssSelector("#nav a")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertEquals(List.of("Overview", "Persons"), screens);
            accessible(browser, "marketing-overview");
            open(browser, "#/requests");
            awaitText(browser, By.cssSelector("h1"), "Not available");

            open(browser, "#/persons?email=" + email);
            element(browser, By.cssSelector("tr[data-person-id='" + person + "'] a"))
                    .click();
            awaitText(browser, By.cssSelector("h1"), "Jonas Weber");
            awaitText(browser, By.id("fields"), email);
            awaitText(browser, By.id("hidden-fields"), "4 sensitive or special-category field(s) are not shown");
            String page = element(browser, By.id("main")).getText();
            assertFalse(page.contains(NATIONAL_ID) || page.contains("latex") || page.contains("National id"), page);
            assertTrue(browser.findElements(By.id("restriction")).isEmpty(), "marketing cannot restrict");
            awaitText(browser, By.id("subscriptions"), "Global opt-out");
            accessible(browser, "person-marketing");
        } finally {
            browser.quit();
        }
    }

    /** The DPO's browser, signed in on first use. */
    private static synchronized WebDriver dpo() {
        if (dpo == null) {
            dpo = start();
            signIn(dpo, DemoUser.DPO);
            awaitText(dpo, By.id("who"), "dpo");
            accessible(dpo, "dpo-overview");
        }
        return dpo;
    }

    /** Sets a datetime-local input to {@code at} in the browser's (this machine's) time zone, to the minute. */
    private static void localTime(WebDriver browser, String input, Instant at) {
        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].value = arguments[1]",
                        element(browser, By.id(input)),
                        LocalDateTime.ofInstant(at, ZoneId.systemDefault())
                                .truncatedTo(ChronoUnit.MINUTES)
                                .toString());
    }

    /** The instant's minute as an ISO prefix ("2026-12-04T10:15"), what a datetime-local input keeps of it. */
    private static String minute(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES).toString().substring(0, 16);
    }

    private static void accessible(WebDriver browser, String screen) {
        Accessibility.check(browser, "console-" + screen);
    }

    private static void noTokenInTheBrowsersStorage(WebDriver browser) {
        String stored = storage(browser);
        assertFalse(stored.contains("eyJ"), "no token in the browser's storage: " + stored);
    }

    /** A person with a national id (sensitive) and health notes (special category), as only the DPO may record. */
    private static UUID personWithSensitiveData(String firstName, String lastName, String email) {
        return UUID.fromString(as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "firstName", firstName,
                        "lastName", lastName,
                        "email", email,
                        "category", "CUSTOMER",
                        "nationalId", NATIONAL_ID,
                        "healthNotes", "Allergic to latex"))
                .when()
                .post("/api/contacts/persons")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    }

    private static void assertPerson(UUID person, boolean restricted, String lastName) {
        as(DemoUser.DPO)
                .when()
                .get("/api/contacts/persons/" + person)
                .then()
                .statusCode(200)
                .body("restricted", org.hamcrest.Matchers.equalTo(restricted))
                .body("lastName", org.hamcrest.Matchers.equalTo(lastName));
    }

    /** A request taken by the DPO (one naming only person ids gets no mail: the DPO hands its export over). */
    private static String staffRequest(Map<String, Object> body) {
        return as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static ValidatableResponse requestAsTheApiShowsIt(String request) {
        return as(DemoUser.DPO).when().get("/api/requests/" + request).then().statusCode(200);
    }

    /** A request submitted on the public portal by a person who then confirmed their address with the mailed code. */
    private static UUID verifiedPortalRequest(String type, String email) {
        String page = withFormOf("/public/requests")
                .formParam("type", type)
                .formParam("email", email)
                .when()
                .post("/public/requests")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher id = REQUEST_ID.matcher(page);
        assertTrue(id.find(), page);
        Matcher code =
                CODE.matcher(MailBox.await(email, m -> CODE.matcher(m.mime()).find(), MAIL_WAIT)
                        .mime());
        assertTrue(code.find());
        withFormOf("/public/requests")
                .formParam("code", code.group(1))
                .when()
                .post("/public/requests/" + id.group(1) + "/verification")
                .then()
                .statusCode(200);
        return UUID.fromString(id.group(1));
    }
}
