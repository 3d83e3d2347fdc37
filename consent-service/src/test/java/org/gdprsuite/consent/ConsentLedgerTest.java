package org.gdprsuite.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentStateChanged;
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
import static org.gdprsuite.consent.ConsentFixtures.knownPerson;
import static org.gdprsuite.consent.ConsentFixtures.knownPersons;
import static org.gdprsuite.consent.ConsentFixtures.purpose;
import static org.gdprsuite.consent.ConsentFixtures.staff;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalogue, the append-only ledger with its proof, and the decision API, with real tokens and events. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class ConsentLedgerTest {

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theCatalogueIsManagedByTheDpoAndReadByStaff() {
        purpose("catalogue-news", true, null, 365);

        given().auth()
                .oauth2(staff(DemoUser.SALES))
                .when()
                .get("/api/consents/purposes/catalogue-news")
                .then()
                .statusCode(200)
                .body("consentRequired", equalTo(true))
                .body("consentValidityDays", equalTo(365));
        given().auth()
                .oauth2(staff(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "x", "consentRequired", false))
                .when()
                .put("/api/consents/purposes/catalogue-news")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(staff(DemoUser.MARKETING))
                .when()
                .get("/api/consents/legal-bases")
                .then()
                .statusCode(200)
                .body(
                        "key",
                        contains(
                                "CONSENT",
                                "CONTRACT",
                                "LEGAL_OBLIGATION",
                                "VITAL_INTERESTS",
                                "PUBLIC_TASK",
                                "LEGITIMATE_INTERESTS"))
                .body("article[0]", equalTo("Art. 6(1)(a) GDPR"));
    }

    @Test
    void badCatalogueInputIsAProblemAndChangesNothing() {
        String dpo = staff(DemoUser.DPO);
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Consent by default", "consentRequired", false, "defaultLegalBasis", "CONSENT"))
                .when()
                .put("/api/consents/purposes/bad-default")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasSize(1));
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "x", "consentRequired", false, "colour", "blue"))
                .when()
                .put("/api/consents/purposes/bad-field")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "x", "consentRequired", "perhaps"))
                .when()
                .put("/api/consents/purposes/bad-type")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "x", "consentRequired", true))
                .when()
                .put("/api/consents/purposes/Not A Key")
                .then()
                .statusCode(400);
        for (String key : List.of("bad-default", "bad-field", "bad-type")) {
            given().auth()
                    .oauth2(dpo)
                    .when()
                    .get("/api/consents/purposes/" + key)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void noticeVersionsAreHashedAndNeverReplaced() {
        String dpo = staff(DemoUser.DPO);
        Map<String, Object> notice = Map.of(
                "version",
                "v-" + UUID.randomUUID().toString().substring(0, 8),
                "text",
                "We process your data for ...",
                "effectiveAt",
                "2026-01-01T00:00:00Z");
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(notice)
                .when()
                .post("/api/consents/notices")
                .then()
                .statusCode(201)
                .body("textSha256", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"));
        given().auth()
                .oauth2(dpo)
                .contentType(ContentType.JSON)
                .body(notice)
                .when()
                .post("/api/consents/notices")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void theLedgerKeepsEveryRecordAndProvesWhatWasValidAtAnyDate() {
        purpose("ledger-news", true, null, null);
        UUID person = knownPerson(prefix);
        String sales = staff(DemoUser.SALES);

        Instant granted = Instant.parse(record(sales, person, "ledger-news", "GRANTED", null, "WEB_FORM")
                .then()
                .statusCode(201)
                .body("recordedBy", equalTo("sales"))
                .body("evidence.ip", equalTo("203.0.113.7"))
                .extract()
                .<String>path("effectiveAt"));
        clock.advance(Duration.ofDays(30));
        given().auth()
                .oauth2(sales)
                .contentType(ContentType.JSON)
                .body(Map.of("source", "EMAIL"))
                .when()
                .post("/api/consents/persons/" + person + "/purposes/ledger-news/withdrawal")
                .then()
                .statusCode(201)
                .body("status", equalTo("WITHDRAWN"))
                .body("legalBasis", equalTo("CONSENT"));

        given().auth()
                .oauth2(sales)
                .when()
                .get("/api/consents/persons/" + person + "/purposes/ledger-news/history")
                .then()
                .rootPath("items")
                .statusCode(200)
                .body("status", contains("GRANTED", "WITHDRAWN"));
        String dpo = staff(DemoUser.DPO);
        proof(person, "ledger-news", granted.plus(Duration.ofDays(1)))
                .body("allowed", equalTo(true))
                .body("record.source", equalTo("WEB_FORM"))
                .body("record.evidence.userAgent", equalTo("Mozilla/5.0 test"));
        proof(person, "ledger-news", granted.minus(Duration.ofDays(1)))
                .body("allowed", equalTo(false))
                .body("record", nullValue());
        given().auth()
                .oauth2(dpo)
                .when()
                .get("/api/consents/persons/" + person + "/purposes/ledger-news/proof")
                .then()
                .statusCode(200)
                .body("allowed", equalTo(false))
                .body("record.status", equalTo("WITHDRAWN"));

        // No backdating by staff; an import may give its own earlier time, but it never changes an earlier proof.
        record(
                        sales,
                        person,
                        "ledger-news",
                        "GRANTED",
                        granted.minus(Duration.ofDays(10)).toString(),
                        "WEB_FORM")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://gdpr-suite.org/problems/backdated-record"));
        record(
                        sales,
                        person,
                        "ledger-news",
                        "GRANTED",
                        granted.minus(Duration.ofDays(10)).toString(),
                        "IMPORT")
                .then()
                .statusCode(201);
        proof(person, "ledger-news", granted.minus(Duration.ofDays(1)))
                .body("allowed", equalTo(false))
                .body("record", nullValue());
        given().auth()
                .oauth2(dpo)
                .queryParam("at", "last tuesday")
                .when()
                .get("/api/consents/persons/" + person + "/purposes/ledger-news/proof")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(sales)
                .when()
                .get("/api/consents/persons/" + person + "/purposes/ledger-news/proof")
                .then()
                .statusCode(403);

        List<ConsentStateChanged> published = stateEvents(person, 2);
        assertEquals(
                List.of(true, false),
                published.stream().map(ConsentStateChanged::allowed).toList());
    }

    @Test
    void anOlderRecordIsHistoryButDoesNotOverrideTheCurrentState() {
        purpose("order-news", true, null, null);
        UUID person = knownPerson(prefix);
        String support = staff(DemoUser.SUPPORT);

        // Imported records keep their own effective times (no one else may backdate).
        record(support, person, "order-news", "GRANTED", "2026-03-01T00:00:00Z", "IMPORT")
                .then()
                .statusCode(201);
        record(support, person, "order-news", "WITHDRAWN", "2026-02-01T00:00:00Z", "IMPORT")
                .then()
                .statusCode(201);

        decision(person, "order-news")
                .then()
                .statusCode(200)
                .body("allowed", equalTo(true))
                .body("legalBasis", equalTo("CONSENT"))
                .body("since", equalTo("2026-03-01T00:00:00Z"));
        given().auth()
                .oauth2(support)
                .when()
                .get("/api/consents/persons/" + person + "/purposes/order-news/history")
                .then()
                .rootPath("items")
                .body("status", contains("WITHDRAWN", "GRANTED"));
    }

    @Test
    void decisionsAnswerSinglyAndInBatchesOfThousands() {
        purpose("batch-news", true, null, null);
        UUID[] known = knownPersons(prefix, 2);
        UUID granted = known[0];
        UUID denied = known[1];
        String marketing = staff(DemoUser.MARKETING);
        record(marketing, granted, "batch-news", "GRANTED", null, "API").then().statusCode(201);
        record(marketing, denied, "batch-news", "DENIED", null, "API").then().statusCode(201);

        decision(granted, "batch-news")
                .then()
                .body("allowed", equalTo(true))
                .body("since", notNullValue())
                .body("reasons", hasSize(0));
        decision(UUID.randomUUID(), "batch-news")
                .then()
                .statusCode(200)
                .body("allowed", equalTo(false))
                .body("legalBasis", nullValue())
                .body("reasons", contains("UNKNOWN_SUBJECT"));

        List<UUID> ids = new ArrayList<>();
        ids.add(denied);
        for (int i = 0; i < 4_998; i++) {
            ids.add(UUID.randomUUID());
        }
        ids.add(granted);
        given().auth()
                .oauth2(Tokens.integration())
                .contentType(ContentType.JSON)
                .body(Map.of("purpose", "batch-news", "personIds", ids))
                .when()
                .post("/api/consents/decisions")
                .then()
                .statusCode(200)
                .body("decisions", hasSize(5_000))
                .body("decisions[0].status", equalTo("DENIED"))
                .body("decisions[0].allowed", equalTo(false))
                .body("decisions[0].reasons", contains("NO_BASIS"))
                .body("decisions[1].reasons", contains("UNKNOWN_SUBJECT"))
                .body("decisions[4999].personId", equalTo(granted.toString()))
                .body("decisions[4999].allowed", equalTo(true))
                .body("decisions.findAll { it.allowed }", hasSize(1));
    }

    @Test
    void badDecisionAndRecordInputIsAProblem() {
        purpose("bad-input-news", true, null, null);
        String marketing = staff(DemoUser.MARKETING);
        given().auth()
                .oauth2(marketing)
                .queryParam("personId", "not-a-uuid")
                .queryParam("purpose", "bad-input-news")
                .when()
                .get("/api/consents/decisions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(marketing)
                .queryParam("personId", UUID.randomUUID())
                .queryParam("purpose", "no-such-purpose")
                .when()
                .get("/api/consents/decisions")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(marketing)
                .contentType(ContentType.JSON)
                .body(Map.of("purpose", "bad-input-news", "personIds", List.of()))
                .when()
                .post("/api/consents/decisions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        UUID person = UUID.randomUUID();
        given().auth()
                .oauth2(marketing)
                .contentType(ContentType.JSON)
                .body(Map.of("legalBasis", "GUT_FEELING", "status", "GRANTED", "source", "API"))
                .when()
                .post("/api/consents/persons/" + person + "/purposes/bad-input-news")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(marketing)
                .contentType(ContentType.JSON)
                .body(Map.of("legalBasis", "CONSENT", "status", "GRANTED", "source", "SYSTEM"))
                .when()
                .post("/api/consents/persons/" + person + "/purposes/bad-input-news")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(marketing)
                .contentType(ContentType.JSON)
                .body(Map.of("legalBasis", "CONSENT", "status", "GRANTED", "source", "API"))
                .when()
                .post("/api/consents/persons/" + person + "/purposes/no-such-purpose")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        // A valid record for a person no service announced: refused, not stored as an orphan.
        given().auth()
                .oauth2(marketing)
                .contentType(ContentType.JSON)
                .body(Map.of("legalBasis", "CONSENT", "status", "GRANTED", "source", "API"))
                .when()
                .post("/api/consents/persons/" + person + "/purposes/bad-input-news")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://gdpr-suite.org/problems/person-not-found"));
        given().auth()
                .oauth2(marketing)
                .when()
                .get("/api/consents/persons/" + person)
                .then()
                .statusCode(200)
                .body("purposes", hasSize(0));
        given().auth()
                .oauth2(staff(DemoUser.FINANCE))
                .contentType(ContentType.JSON)
                .body(Map.of("legalBasis", "CONSENT", "status", "GRANTED", "source", "API"))
                .when()
                .post("/api/consents/persons/" + person + "/purposes/bad-input-news")
                .then()
                .statusCode(403);
    }

    private static io.restassured.response.Response record(
            String token, UUID person, String purpose, String status, String effectiveAt, String source) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "legalBasis",
                "CONSENT",
                "status",
                status,
                "source",
                source,
                "channel",
                "web",
                "evidence",
                Map.of("ip", "203.0.113.7", "userAgent", "Mozilla/5.0 test", "formId", "signup")));
        if (effectiveAt != null) {
            body.put("effectiveAt", effectiveAt);
        }
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/consents/persons/" + person + "/purposes/" + purpose);
    }

    private static io.restassured.response.ValidatableResponse proof(UUID person, String purpose, Instant at) {
        return given().auth()
                .oauth2(staff(DemoUser.DPO))
                .queryParam("at", at.toString())
                .when()
                .get("/api/consents/persons/" + person + "/purposes/" + purpose + "/proof")
                .then()
                .statusCode(200);
    }

    static io.restassured.response.Response decision(UUID person, String purpose) {
        return given().auth()
                .oauth2(Tokens.of(DemoUser.MARKETING))
                .queryParam("personId", person)
                .queryParam("purpose", purpose)
                .when()
                .get("/api/consents/decisions");
    }

    /** The CONSENT_STATE_CHANGED events of a person on consent.events, in order. */
    List<ConsentStateChanged> stateEvents(UUID person, int expected) {
        List<ConsumerRecord<String, String>> read = KafkaProbe.readUntil(
                prefix + Topics.CONSENT_EVENTS,
                records -> ofPerson(records, person).size() >= expected,
                Duration.ofSeconds(30));
        List<ConsentStateChanged> events = ofPerson(read, person);
        assertTrue(events.size() >= expected, "state events published: " + events.size());
        return events;
    }

    private static List<ConsentStateChanged> ofPerson(List<ConsumerRecord<String, String>> records, UUID person) {
        return records.stream()
                .filter(r -> person.toString().equals(r.key()))
                .map(r -> EventCodec.parse(r.value()).dataAs(ConsentStateChanged.class))
                .toList();
    }
}
