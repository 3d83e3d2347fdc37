package org.gdprsuite.incident;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.events.payload.IncidentDeadlineAlert;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.incident.domain.DeadlineWatch;
import org.gdprsuite.runtime.internal.dsr.DsrCommandHandler;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.MovableClock;
import org.gdprsuite.testsupport.PublicForm;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The breach register end to end with real tokens, PostgreSQL and Kafka, and a movable clock. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class BreachRegisterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    MovableClock clock;

    @Inject
    DeadlineWatch deadlines;

    @Inject
    DsrCommandHandler dsr;

    /** Metrics are served on the management port only. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aStaffReportRunsThroughTheLifecycleWithATimelineAndTheAuthorityReport() {
        Instant aware = Instant.now().minus(10, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String id = report(DemoUser.SUPPORT, aware);
        String dpo = Tokens.of(DemoUser.DPO);

        given().auth()
                .oauth2(dpo)
                .when()
                .get("/api/incidents/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("REPORTED"))
                .body("reportedBy", equalTo("support"))
                .body("notifyBy", equalTo(aware.plus(Duration.ofHours(72)).toString()))
                .body("secondsToDeadline", greaterThan(61 * 3600))
                .body("secondsToDeadline", lessThan(62 * 3600 + 60))
                .body("overdue", equalTo(false))
                .body("authorityNotificationRequired", equalTo(true));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SUPPORT))
                .when()
                .get("/api/incidents/" + id)
                .then()
                .statusCode(403);

        assess(dpo, id, "LIKELY", "HIGH").then().statusCode(409).contentType("application/problem+json");
        status(dpo, id, "TRIAGED").then().statusCode(200);
        status(dpo, id, "CONTAINED").then().statusCode(409).contentType("application/problem+json");
        assess(dpo, id, "POSSIBLE", "MEDIUM")
                .then()
                .statusCode(200)
                .body("risk", equalTo("RISK"))
                .body("status", equalTo("ASSESSED"))
                .body("subjectNotificationRequired", equalTo(false));
        status(dpo, id, "CONTAINED").then().statusCode(200);
        status(dpo, id, "CLOSED").then().statusCode(409).body("detail", containsString("authority"));
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "reference",
                        "SA-2026-117",
                        "notifiedAt",
                        aware.plus(Duration.ofHours(5)).toString()))
                .when()
                .post("/api/incidents/" + id + "/authority-notification")
                .then()
                .statusCode(200)
                .body("authorityReference", equalTo("SA-2026-117"));
        status(dpo, id, "CLOSED").then().statusCode(200);
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("status", "TRIAGED"))
                .when()
                .post("/api/incidents/" + id + "/status")
                .then()
                .statusCode(409);

        given().auth()
                .oauth2(dpo)
                .when()
                .get("/api/incidents/" + id + "/timeline")
                .then()
                .statusCode(200)
                .body(
                        "action",
                        equalTo(List.of(
                                "reported", "triaged", "assessed", "contained", "authority notified", "closed")))
                .body("actor[0]", equalTo("support"))
                .body("actor[1]", equalTo("dpo"));

        given().auth()
                .oauth2(dpo)
                .accept(ContentType.JSON)
                .when()
                .get("/api/incidents/" + id + "/authority-report")
                .then()
                .statusCode(200)
                .body("nature", equalTo(List.of("CONFIDENTIALITY")))
                .body("approxSubjects", equalTo(120))
                .body("dpoContact", equalTo("dpo@controller.example"))
                .body("likelyConsequences", equalTo("Phishing"))
                .body("measures", equalTo("Mailbox locked"))
                .body("notifiedAt", equalTo(aware.plus(Duration.ofHours(5)).toString()));
        given().auth()
                .oauth2(dpo)
                .accept(ContentType.HTML)
                .when()
                .get("/api/incidents/" + id + "/authority-report")
                .then()
                .statusCode(200)
                .body(containsString("Notification of a personal-data breach"))
                .body(containsString("(d) Measures taken or proposed"))
                .body(containsString("Mailbox locked"));
    }

    @Test
    void noRiskNeedsNoAuthorityNotificationAndALateOneNeedsReasons() {
        String dpo = Tokens.of(DemoUser.DPO);
        String harmless = report(DemoUser.SALES, Instant.now().minus(1, ChronoUnit.HOURS));
        status(dpo, harmless, "TRIAGED");
        assess(dpo, harmless, "REMOTE", "LOW")
                .then()
                .body("risk", equalTo("NO_RISK"))
                .body("authorityNotificationRequired", equalTo(false));
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("reference", "x"))
                .when()
                .post("/api/incidents/" + harmless + "/authority-notification")
                .then()
                .statusCode(409);
        given().auth()
                .oauth2(dpo)
                .when()
                .get("/api/incidents/" + harmless + "/timeline")
                .then()
                .body("detail", hasItem(containsString("not required")));

        String late = report(DemoUser.FINANCE, Instant.now().minus(80, ChronoUnit.HOURS));
        status(dpo, late, "TRIAGED");
        assess(dpo, late, "LIKELY", "MEDIUM");
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("reference", "SA-1"))
                .when()
                .post("/api/incidents/" + late + "/authority-notification")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("Unprocessable Content"));
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("reference", "SA-1", "delayReason", "Forensic analysis needed to confirm the scope"))
                .when()
                .post("/api/incidents/" + late + "/authority-notification")
                .then()
                .statusCode(200)
                .body("authorityDelayReason", startsWith("Forensic"));
    }

    @Test
    void theDeadlineAlertsOnceWhenDueSoonAndOnceWhenOverdue() {
        String dpo = Tokens.of(DemoUser.DPO);
        String id = report(DemoUser.MARKETING, Instant.now().minus(1, ChronoUnit.HOURS));

        clock.advance(Duration.ofHours(62));
        deadlines.check();
        deadlines.check();
        clock.advance(Duration.ofHours(10));
        deadlines.check();
        deadlines.check();

        given().auth()
                .oauth2(dpo)
                .queryParam("overdue", true)
                .when()
                .get("/api/incidents")
                .then()
                .body("items.id", hasItem(id));
        given().auth()
                .oauth2(dpo)
                .when()
                .get("/api/incidents/" + id)
                .then()
                .body("overdue", equalTo(true))
                .body("secondsToDeadline", lessThan(0));
        List<ConsumerRecord<String, String>> alerts = KafkaProbe.readUntil(
                prefix + Topics.INCIDENT_EVENTS,
                records -> alertsOf(records, id).size() >= 2,
                WAIT);
        assertEquals(
                List.of(IncidentDeadlineAlert.Alert.DUE_SOON, IncidentDeadlineAlert.Alert.OVERDUE),
                alertsOf(alerts, id));
        given().port(management.getPort())
                .when()
                .get("/q/metrics")
                .then()
                .body(containsString("gdpr_incidents_overdue"))
                .body(containsString("gdpr_incident_deadline_alerts_total{alert=\"OVERDUE\"}"));
    }

    @Test
    void aHighRiskBreachNotifiesEveryAffectedPersonOnceAndTheSliceIsHeld() {
        String dpo = Tokens.of(DemoUser.DPO);
        String id = report(DemoUser.DPO, Instant.now().minus(2, ChronoUnit.HOURS));
        UUID anna = UUID.randomUUID();
        UUID ben = UUID.randomUUID();
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("personIds", List.of(anna, ben, anna)))
                .when()
                .post("/api/incidents/" + id + "/affected-persons")
                .then()
                .statusCode(200)
                .body("count", equalTo(2));
        given().auth()
                .oauth2(dpo)
                .when()
                .post("/api/incidents/" + id + "/subject-notifications")
                .then()
                .statusCode(409);
        status(dpo, id, "TRIAGED");
        assess(dpo, id, "ALMOST_CERTAIN", "HIGH")
                .then()
                .body("risk", equalTo("HIGH_RISK"))
                .body("subjectNotificationRequired", equalTo(true));

        given().auth()
                .oauth2(dpo)
                .when()
                .post("/api/incidents/" + id + "/subject-notifications")
                .then()
                .statusCode(200)
                .body("count", equalTo(2));
        given().auth()
                .oauth2(dpo)
                .when()
                .post("/api/incidents/" + id + "/subject-notifications")
                .then()
                .statusCode(200)
                .body("count", equalTo(0));

        List<ConsumerRecord<String, String>> mails = KafkaProbe.readUntil(
                prefix + Topics.NOTIFICATION_REQUESTS,
                records -> notices(records, anna, ben).size() >= 2,
                WAIT);
        List<NotificationRequested> notices = notices(mails, anna, ben);
        assertEquals(2, notices.size());
        assertTrue(notices.stream()
                .allMatch(n -> "breach.notice".equals(n.template())
                        && n.email() == null
                        && "dpo@controller.example".equals(n.parameters().get("dpoContact"))));

        SubjectIds subject = new SubjectIds(List.of(anna), List.of());
        DsrReply export = dsr.handle(
                UUID.randomUUID().toString(), DsrAction.EXPORT, new DsrCommand(UUID.randomUUID(), subject, List.of()));
        assertEquals(DsrReply.Outcome.DONE, export.outcome());
        assertTrue(export.slice().toString().contains("INC-"), export.slice().toString());
        DsrReply erase = dsr.handle(
                UUID.randomUUID().toString(), DsrAction.ERASE, new DsrCommand(UUID.randomUUID(), subject, List.of()));
        assertEquals(DsrReply.Outcome.HELD, erase.outcome());
        assertTrue(erase.legalReason().contains("Art. 33(5)"));
        DsrReply unrelated = dsr.handle(
                UUID.randomUUID().toString(),
                DsrAction.ERASE,
                new DsrCommand(UUID.randomUUID(), new SubjectIds(List.of(UUID.randomUUID()), List.of()), List.of()));
        assertEquals(DsrReply.Outcome.DONE, unrelated.outcome());
    }

    @Test
    void theRegisterExportsAsJsonAndCsvWithoutFormulas() {
        String dpo = Tokens.of(DemoUser.DPO);
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "=HYPERLINK(\"http://evil\")",
                        "nature",
                        List.of("AVAILABILITY"),
                        "description",
                        "Server down"))
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(201);

        given().auth()
                .oauth2(dpo)
                .accept("text/csv")
                .when()
                .get("/api/incidents/register")
                .then()
                .statusCode(200)
                .body(startsWith("reference,title,status"))
                .body(containsString("\"'=HYPERLINK(\"\"http://evil\"\")\""))
                .body(not(containsString(",\"=HYPERLINK")));
        given().auth()
                .oauth2(dpo)
                .accept(ContentType.JSON)
                .when()
                .get("/api/incidents/register")
                .then()
                .statusCode(200)
                .body("title", hasItem("=HYPERLINK(\"http://evil\")"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SUPPORT))
                .accept("text/csv")
                .when()
                .get("/api/incidents/register")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(dpo)
                .accept(ContentType.JSON)
                .queryParam("from", "2000-01-01T00:00:00Z")
                .queryParam("to", "2000-02-01T00:00:00Z")
                .when()
                .get("/api/incidents/register")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        given().auth()
                .oauth2(dpo)
                .accept(ContentType.JSON)
                .queryParam("from", "last year")
                .when()
                .get("/api/incidents/register")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aReportPostedWithoutTheFormsTokenIsRefusedAndNotRegistered() {
        String marker = "forged-" + UUID.randomUUID();
        PublicForm form = PublicForm.open(given(), "/public/incidents/report");
        PublicForm other = PublicForm.open(given(), "/public/incidents/report");
        for (RequestSpecification forged : List.of(
                given(),
                given().cookie(PublicForm.COOKIE, form.cookie()),
                given().formParam(PublicForm.FIELD, form.csrf()),
                given().cookie(PublicForm.COOKIE, form.cookie()).formParam(PublicForm.FIELD, other.csrf()),
                given().cookie(PublicForm.COOKIE, form.cookie()).formParam(PublicForm.FIELD, "1.x.y.9999999999.z"))) {
            forged.formParam("description", marker)
                    .header("X-Forwarded-For", "192.0.2.78")
                    .when()
                    .post("/public/incidents/report")
                    .then()
                    .statusCode(403)
                    .contentType(ContentType.HTML)
                    .body(containsString("Nothing was stored"));
        }
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/incidents")
                .then()
                .statusCode(200)
                .body(not(containsString(marker)));
    }

    @Test
    void outsidersReportThroughThePublicFormWhichIsRateLimited() {
        Response page = given().when().get("/public/incidents/report");
        page.then().statusCode(200).contentType(ContentType.HTML).body(containsString("<label for=\"description\">"));
        PublicForm form = PublicForm.of(page);
        form.on(given())
                .formParam("description", "<script>alert(1)</script> I got someone else's invoice")
                .formParam("contact", "finder@example.org")
                .header("X-Forwarded-For", "192.0.2.77")
                .when()
                .post("/public/incidents/report")
                .then()
                .statusCode(200)
                .body(containsString("reference <strong>INC-"))
                .body(not(containsString("invoice")))
                .body(not(containsString("finder@example.org")));
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/incidents")
                .then()
                .body(
                        "items.find { it.origin == 'PUBLIC' && it.description.contains('invoice') }.reportedBy",
                        equalTo("public form"));
        SubjectIds reporter = new SubjectIds(List.of(), List.of("finder@example.org"));
        DsrReply export = dsr.handle(
                UUID.randomUUID().toString(), DsrAction.EXPORT, new DsrCommand(UUID.randomUUID(), reporter, List.of()));
        assertTrue(
                export.slice().get("reported").toString().contains("finder@example.org"),
                export.slice().toString());
        assertEquals(
                DsrReply.Outcome.DONE,
                dsr.handle(
                                UUID.randomUUID().toString(),
                                DsrAction.ERASE,
                                new DsrCommand(UUID.randomUUID(), reporter, List.of()))
                        .outcome());
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/incidents")
                .then()
                .body(
                        "items.find { it.origin == 'PUBLIC' && it.description.contains('invoice') }.reportedBy",
                        equalTo("public form"));
        assertEquals(
                0,
                dsr.handle(
                                UUID.randomUUID().toString(),
                                DsrAction.EXPORT,
                                new DsrCommand(UUID.randomUUID(), reporter, List.of()))
                        .slice()
                        .get("reported")
                        .size());
        form.on(given())
                .formParam("description", "")
                .when()
                .post("/public/incidents/report")
                .then()
                .statusCode(400)
                .body(containsString("Please describe what happened"));
        form.on(given())
                .formParam("description", "x")
                .formParam("noticedOn", "yesterday")
                .when()
                .post("/public/incidents/report")
                .then()
                .statusCode(400)
                .body(containsString("2026-11-23"));

        int status = 200;
        for (int i = 0; i < 10 && status != 429; i++) {
            status = form.on(given())
                    .formParam("description", "flood " + i)
                    .when()
                    .post("/public/incidents/report")
                    .then()
                    .extract()
                    .statusCode();
        }
        assertEquals(429, status);
        form.on(given())
                .formParam("description", "one more")
                .when()
                .post("/public/incidents/report")
                .then()
                .statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .contentType("application/problem+json");
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String dpo = Tokens.of(DemoUser.DPO);
        long before = given().auth()
                .oauth2(dpo)
                .when()
                .get("/api/incidents")
                .then()
                .extract()
                .jsonPath()
                .getLong("total");
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("title", "t", "nature", List.of("SMELL"), "description", "d"))
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "t",
                        "nature",
                        List.of("INTEGRITY"),
                        "description",
                        "d",
                        "awareAt",
                        "2026-01-01T00:00:00Z",
                        "occurredAt",
                        "2026-02-01T00:00:00Z"))
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("title", "t", "nature", List.of("INTEGRITY"), "description", "d", "approxSubjects", -3))
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("title", "t", "nature", List.of("INTEGRITY"), "description", "d", "severity", "HIGH"))
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("title", "t"))
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body("{\"title\": ")
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(dpo)
                .when()
                .get("/api/incidents/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "likelihood",
                        "LIKELY",
                        "severity",
                        "LOW",
                        "rationale",
                        "r",
                        "art34Exception",
                        "DATA_UNINTELLIGIBLE"))
                .when()
                .post("/api/incidents/" + UUID.randomUUID() + "/assessment")
                .then()
                .statusCode(400);
        given().when().post("/api/incidents").then().statusCode(401);
        long after = given().auth()
                .oauth2(dpo)
                .when()
                .get("/api/incidents")
                .then()
                .extract()
                .jsonPath()
                .getLong("total");
        assertEquals(before, after);
    }

    private static String report(DemoUser user, Instant awareAt) {
        return given().auth()
                .oauth2(Tokens.of(user))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Mailbox compromised",
                        "nature",
                        List.of("CONFIDENTIALITY"),
                        "description",
                        "An attacker read a shared mailbox",
                        "awareAt",
                        awareAt.toString(),
                        "dataCategories",
                        List.of("contact details", "invoices"),
                        "approxSubjects",
                        120,
                        "likelyConsequences",
                        "Phishing",
                        "measures",
                        "Mailbox locked",
                        "dpoContact",
                        "dpo@controller.example"))
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/incidents/"))
                .body("reference", startsWith("INC-"))
                .extract()
                .path("id");
    }

    private static io.restassured.response.Response status(String token, String id, String status) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("status", status))
                .when()
                .post("/api/incidents/" + id + "/status");
    }

    private static io.restassured.response.Response assess(
            String token, String id, String likelihood, String severity) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("likelihood", likelihood, "severity", severity, "rationale", "Assessed by the DPO"))
                .when()
                .post("/api/incidents/" + id + "/assessment");
    }

    private static List<IncidentDeadlineAlert.Alert> alertsOf(List<ConsumerRecord<String, String>> records, String id) {
        return records.stream()
                .filter(r -> id.equals(r.key()) && r.value().contains("incident.deadline-alert"))
                .map(r -> EventCodec.parse(r.value())
                        .dataAs(IncidentDeadlineAlert.class)
                        .alert())
                .toList();
    }

    private static List<NotificationRequested> notices(List<ConsumerRecord<String, String>> records, UUID... persons) {
        List<String> keys = java.util.Arrays.stream(persons).map(UUID::toString).toList();
        return records.stream()
                .filter(r -> keys.contains(r.key()))
                .map(r -> EventCodec.parse(r.value()).dataAs(NotificationRequested.class))
                .toList();
    }
}
