package org.gdprsuite.contact;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentStateChanged;
import org.gdprsuite.events.payload.RetentionErasureRequested;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.MovableClock;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV import, bulk updates, the compliance report and retention policies against the real stack. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class MigrationAndRetentionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aCsvImportWithABadRowIsRejectedWholeAndAGoodOneAssignsSourceAndLegalBasis() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String bad = "firstName,lastName,email,category\n"
                + "Ann,Good," + tag + ".ann@example.org,customer\n"
                + "Bad,Mail,not-an-email,customer\n"
                + "Evil,=cmd|' /C calc'!A0," + tag + ".evil@example.org,customer\n";
        String rejected = given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType("text/csv")
                .queryParam("source", "legacy-crm")
                .queryParam("mode", "all-or-nothing")
                .body(bad)
                .when()
                .post("/api/contacts/imports")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        assertEquals("REJECTED", ImportJobsTest.awaitOver(rejected).getString("state"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get(rejected + "/rows")
                .then()
                .body("items.line", equalTo(List.of(3, 4)))
                .body("items[0].reason", startsWith("email: "))
                .body("items[1].reason", equalTo("lastName: looks like a spreadsheet formula"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .queryParam("email", tag + ".ann@example.org")
                .when()
                .get("/api/contacts/persons")
                .then()
                .body("total", equalTo(0));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType("text/csv")
                .queryParam("source", "legacy-crm")
                .body("firstName,shoeSize\nAnn,42\n")
                .when()
                .post("/api/contacts/imports")
                .then()
                .statusCode(422)
                .body("violations[0].field", equalTo("line 1 shoeSize"));

        String good = "firstName,lastName,email,category,phone\n"
                + "Ann,Good," + tag + ".ann@example.org,customer,+44 20 7946 0000\n"
                + "Ben,Fine," + tag + ".ben@example.org,partner,\n";
        String imported = given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType("text/csv")
                .queryParam("source", "legacy-crm")
                .queryParam("purpose", "contract-management")
                .queryParam("legalBasis", "CONTRACT")
                .body(good)
                .when()
                .post("/api/contacts/imports")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        assertEquals(2, ImportJobsTest.awaitOver(imported).getInt("progress.created"));

        String ann = given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .queryParam("email", tag + ".ann@example.org")
                .when()
                .get("/api/contacts/persons")
                .then()
                .body("total", equalTo(1))
                .body("items[0].source", equalTo("legacy-crm"))
                .body("items[0].collectedBy", equalTo("sales"))
                .extract()
                .path("items[0].id");
        List<ConsumerRecord<String, String>> inbound = KafkaProbe.readUntil(
                prefix + Topics.CONSENT_INBOUND, records -> records.stream().anyMatch(r -> ann.equals(r.key())), WAIT);
        CloudEvent recorded = inbound.stream()
                .filter(r -> ann.equals(r.key()))
                .map(r -> EventCodec.parse(r.value()))
                .findFirst()
                .orElseThrow();
        assertEquals("consent.recorded", recorded.type());
        assertEquals("CONTRACT", recorded.data().get("legalBasis").asText());
        assertEquals("IMPORT", recorded.data().get("source").asText());
    }

    @Test
    void aBulkUpdatePreviewsThenChangesEveryMatchingPersonButNotRestrictedOnes() {
        String owner = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(PersonsTest.create(DemoUser.SALES, Map.of("firstName", "Bulk" + i, "owner", owner)));
        }
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .post("/api/contacts/persons/" + ids.get(2) + "/restriction")
                .then()
                .statusCode(200);

        Map<String, Object> set = new java.util.HashMap<>();
        set.put("category", "partner");
        set.put("jobTitle", null);
        Map<String, Object> request = Map.of("filter", Map.of("owner", owner), "set", set, "dryRun", true);
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(request)
                .when()
                .post("/api/contacts/bulk-updates")
                .then()
                .statusCode(200)
                .body("matched", equalTo(2))
                .body("updated", equalTo(0));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .queryParam("q", "bulk0")
                .when()
                .get("/api/contacts/persons")
                .then()
                .body("items.find { it.owner == '" + owner + "' }.category", equalTo("PROSPECT"));

        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of("filter", Map.of("owner", owner), "set", Map.of("category", "partner")))
                .when()
                .post("/api/contacts/bulk-updates")
                .then()
                .statusCode(200)
                .body("matched", equalTo(2))
                .body("updated", equalTo(2))
                .body("batches", equalTo(1));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/contacts/persons/" + ids.get(0))
                .then()
                .body("category", equalTo("PARTNER"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/contacts/persons/" + ids.get(2))
                .then()
                .body("category", equalTo("PROSPECT"));
        List<ConsumerRecord<String, String>> events = KafkaProbe.readUntil(
                prefix + Topics.CONTACT_EVENTS, records -> updates(records, ids).size() >= 2, WAIT);
        assertEquals(Set.of(ids.get(0), ids.get(1)), updates(events, ids));

        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of("filter", Map.of("owner", owner), "set", Map.of("bankAccount", "DE89370400440532013000")))
                .when()
                .post("/api/contacts/bulk-updates")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of("filter", Map.of("owner", owner), "set", Map.of("shoeSize", 42)))
                .when()
                .post("/api/contacts/bulk-updates")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.of(DemoUser.MARKETING))
                .contentType(ContentType.JSON)
                .body(Map.of("filter", Map.of("owner", owner), "set", Map.of("category", "customer")))
                .when()
                .post("/api/contacts/bulk-updates")
                .then()
                .statusCode(403);
    }

    @Test
    void retentionDryRunShowsTheMatchesAndASweepAsksForTheirErasureOnce() {
        String kept = PersonsTest.create(DemoUser.SALES, Map.of("firstName", "Kept", "category", "supplier"));
        String old1 = PersonsTest.create(
                DemoUser.SALES,
                Map.of("firstName", "Old", "category", "supplier", "customFields", Map.of("shoeSize", "42")));
        String old2 = PersonsTest.create(DemoUser.SALES, Map.of("firstName", "Older", "category", "supplier"));
        CloudEvent allowed = CloudEvent.of(
                "consent-service",
                EventType.CONSENT_STATE_CHANGED,
                kept,
                new ConsentStateChanged(
                        UUID.fromString(kept),
                        "contract-management",
                        true,
                        "CONTRACT",
                        "GRANTED",
                        Instant.now(),
                        null));
        KafkaProbe.send(prefix + Topics.CONSENT_EVENTS, kept, EventCodec.toJson(allowed));

        String dpo = Tokens.of(DemoUser.DPO);
        String policy = given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "suppliers-" + UUID.randomUUID(),
                        "category",
                        "supplier",
                        "withoutLegalBasis",
                        true,
                        "inactiveMonths",
                        24))
                .when()
                .post("/api/contacts/retention/policies")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "nothing"))
                .when()
                .post("/api/contacts/retention/policies")
                .then()
                .statusCode(400);

        given().auth()
                .oauth2(dpo)
                .when()
                .post("/api/contacts/retention/policies/" + policy + "/dry-run")
                .then()
                .statusCode(200)
                .body("sample", not(hasItem(old1)));
        clock.advance(Duration.ofDays(25 * 31));
        awaitReadModel(dpo, policy, kept);
        given().auth()
                .oauth2(dpo)
                .when()
                .post("/api/contacts/retention/policies/" + policy + "/dry-run")
                .then()
                .statusCode(200)
                .body("matched", greaterThanOrEqualTo(2));

        given().auth()
                .oauth2(dpo)
                .when()
                .post("/api/contacts/retention/policies/" + policy + "/sweeps")
                .then()
                .statusCode(200)
                .body("matched", greaterThanOrEqualTo(2))
                .body("startedBy", equalTo("dpo"));
        given().auth()
                .oauth2(dpo)
                .when()
                .post("/api/contacts/retention/policies/" + policy + "/sweeps")
                .then()
                .statusCode(200)
                .body("matched", equalTo(0));
        given().auth()
                .oauth2(dpo)
                .queryParam("size", 500)
                .when()
                .get("/api/contacts/retention/sweeps")
                .then()
                .body("items.policyId", hasItem(policy));
        given().auth()
                .oauth2(dpo)
                .queryParam("size", 1)
                .when()
                .get("/api/contacts/retention/policies")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("total", greaterThanOrEqualTo(1));

        List<ConsumerRecord<String, String>> events = KafkaProbe.readUntil(
                prefix + Topics.CONTACT_EVENTS,
                records -> retentionRequests(records).containsAll(List.of(old1, old2)),
                WAIT);
        Set<String> requested = retentionRequests(events);
        RetentionErasureRequested swept = events.stream()
                .filter(r -> r.value().contains("contact.retention.erasure-requested")
                        && r.value().contains(old1))
                .map(r -> EventCodec.parse(r.value()).dataAs(RetentionErasureRequested.class))
                .findFirst()
                .orElseThrow();
        assertEquals(policy, String.valueOf(swept.policyId()), "the policy is named for erasure-service's approval");
        assertEquals(new RetentionErasureRequested.Criteria("SUPPLIER", true, 24, false), swept.criteria());
        assertTrue(requested.containsAll(List.of(old1, old2)), requested.toString());
        assertTrue(!requested.contains(kept), "a person with a valid legal basis is kept");

        given().auth()
                .oauth2(dpo)
                .queryParam("staleMonths", 24)
                .when()
                .get("/api/contacts/compliance-report")
                .then()
                .statusCode(200)
                .body("stale", greaterThanOrEqualTo(3))
                .body("withoutLegalBasis", greaterThanOrEqualTo(2))
                .body("uncataloguedFields.shoeSize", greaterThanOrEqualTo(1));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/contacts/compliance-report")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .post("/api/contacts/retention/policies/" + policy + "/sweeps")
                .then()
                .statusCode(403);
    }

    /** Waits until the consent read model has the kept person (a dry run no longer lists it). */
    private static void awaitReadModel(String dpo, String policy, String kept) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            List<String> sample = given().auth()
                    .oauth2(dpo)
                    .when()
                    .post("/api/contacts/retention/policies/" + policy + "/dry-run")
                    .then()
                    .extract()
                    .path("sample");
            if (!sample.contains(kept) && !sample.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Set<String> updates(List<ConsumerRecord<String, String>> records, List<String> ids) {
        return records.stream()
                .filter(r -> ids.contains(r.key()) && r.value().contains("contact.person.updated"))
                .map(ConsumerRecord::key)
                .collect(Collectors.toSet());
    }

    /** The persons named by retention requests (a sweep asks for a chunk of persons per event). */
    private static Set<String> retentionRequests(List<ConsumerRecord<String, String>> records) {
        return records.stream()
                .filter(r -> r.value().contains("contact.retention.erasure-requested"))
                .flatMap(r -> EventCodec.parse(r.value()).dataAs(RetentionErasureRequested.class).personIds().stream())
                .map(UUID::toString)
                .collect(Collectors.toSet());
    }
}
