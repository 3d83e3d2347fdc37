package org.gdprsuite.systemtest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.MailBox;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A high-risk breach with 120 affected persons: the 72-hour clock, the authority report and 120 notices. */
class BreachTest extends SystemTest {

    private static final int AFFECTED = 120;

    @Test
    void aHighRiskBreachIsReportedToTheAuthorityAndEveryAffectedPersonIsToldByMail() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> emails = IntStream.range(0, AFFECTED)
                .mapToObj(i -> "customer" + i + "." + run + "@example.net")
                .toList();
        List<UUID> persons = importCustomers("Leak" + run, emails);
        assertEquals(AFFECTED, persons.size());

        Instant aware = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> report = Map.of(
                "title",
                "Customer database exposed",
                "nature",
                List.of("CONFIDENTIALITY"),
                "description",
                "A backup of the customer table was reachable without authentication",
                "occurredAt",
                aware.minus(Duration.ofDays(1)).toString(),
                "awareAt",
                aware.toString());
        String incident = as(DemoUser.SUPPORT)
                .contentType(ContentType.JSON)
                .body(report)
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .body("reference", containsString("INC-"))
                .extract()
                .path("id");
        Map<String, Object> details = new HashMap<>(report);
        details.putAll(Map.of(
                "dataCategories",
                List.of("contact details", "order history"),
                "approxSubjects",
                AFFECTED,
                "approxRecords",
                480,
                "likelyConsequences",
                "Phishing mails that look like ours",
                "measures",
                "Backup removed, credentials rotated, access logs reviewed",
                "dpoContact",
                "dpo@example.org"));
        as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(details)
                .when()
                .put("/api/incidents/" + incident + "/details")
                .then()
                .statusCode(200);
        as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(Map.of("status", "TRIAGED"))
                .when()
                .post("/api/incidents/" + incident + "/status")
                .then()
                .statusCode(200);
        JsonPath assessed = as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "likelihood",
                        "LIKELY",
                        "severity",
                        "VERY_HIGH",
                        "rationale",
                        "Names, addresses and orders in clear text"))
                .when()
                .post("/api/incidents/" + incident + "/assessment")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("HIGH_RISK", assessed.getString("risk"));
        assertTrue(assessed.getBoolean("authorityNotificationRequired")
                && assessed.getBoolean("subjectNotificationRequired"));

        // The 72-hour clock runs from awareness.
        assertEquals(aware.plus(Duration.ofHours(72)), Instant.parse(assessed.getString("notifyBy")));
        long secondsLeft = assessed.getLong("secondsToDeadline");
        assertTrue(
                secondsLeft > Duration.ofHours(69).toSeconds()
                        && secondsLeft <= Duration.ofHours(70).toSeconds(),
                "about 70 hours left: " + secondsLeft);
        as(DemoUser.DPO)
                .queryParam("overdue", true)
                .when()
                .get("/api/incidents")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(incident)));

        as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(Map.of("personIds", persons))
                .when()
                .post("/api/incidents/" + incident + "/affected-persons")
                .then()
                .statusCode(200)
                .body("count", equalTo(AFFECTED));
        as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(Map.of("reference", "SA-2026-" + run))
                .when()
                .post("/api/incidents/" + incident + "/authority-notification")
                .then()
                .statusCode(200)
                .body("authorityReference", equalTo("SA-2026-" + run));

        JsonPath authorityReport = as(DemoUser.DPO)
                .accept(ContentType.JSON)
                .when()
                .get("/api/incidents/" + incident + "/authority-report")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        // Art. 33(3): (a) nature, categories and numbers; (b) the DPO contact; (c) consequences; (d) measures.
        assertEquals(List.of("CONFIDENTIALITY"), authorityReport.getList("nature"));
        assertEquals(List.of("contact details", "order history"), authorityReport.getList("dataCategories"));
        assertEquals(AFFECTED, authorityReport.getInt("approxSubjects"));
        assertEquals(480, authorityReport.getInt("approxRecords"));
        assertEquals("dpo@example.org", authorityReport.getString("dpoContact"));
        assertEquals("Phishing mails that look like ours", authorityReport.getString("likelyConsequences"));
        assertTrue(authorityReport.getString("measures").contains("credentials rotated"));
        assertEquals("HIGH_RISK", authorityReport.getString("risk"));
        as(DemoUser.DPO)
                .accept(ContentType.HTML)
                .when()
                .get("/api/incidents/" + incident + "/authority-report")
                .then()
                .statusCode(200)
                .body(containsString("Phishing mails that look like ours"));

        as(DemoUser.DPO)
                .when()
                .post("/api/incidents/" + incident + "/subject-notifications")
                .then()
                .statusCode(200)
                .body("count", equalTo(AFFECTED));
        eventually()
                .atMost(Duration.ofSeconds(180))
                .until(() -> emails.stream()
                                .filter(email -> MailBox.messages(email).stream()
                                        .anyMatch(m -> m.mime().contains("Customer database exposed")
                                                || m.subject().toLowerCase().contains("breach")))
                                .count()
                        == AFFECTED);
        as(DemoUser.DPO)
                .when()
                .get("/api/incidents/" + incident + "/timeline")
                .then()
                .statusCode(200)
                .body(
                        "action",
                        hasItems(
                                "reported",
                                "described",
                                "triaged",
                                "assessed",
                                "affected persons added",
                                "authority notified",
                                "persons notified"));
    }

    /** Existing customers, imported from a CSV file as a migration into the suite would bring them. */
    private static List<UUID> importCustomers(String lastName, List<String> emails) {
        String csv = "firstName,lastName,email,category\n"
                + IntStream.range(0, emails.size())
                        .mapToObj(i -> "Customer" + i + "," + lastName + "," + emails.get(i) + ",CUSTOMER")
                        .collect(Collectors.joining("\n"));
        importPersons(csv, "webshop migration", CUSTOMER_CARE, "CONTRACT", emails.size());
        return as(DemoUser.SALES)
                .queryParam("q", lastName)
                .queryParam("size", 500)
                .when()
                .get("/api/contacts/persons")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", String.class)
                .stream()
                .map(UUID::fromString)
                .toList();
    }
}
