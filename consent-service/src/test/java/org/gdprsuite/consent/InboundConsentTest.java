package org.gdprsuite.consent;

import static io.restassured.RestAssured.given;
import static org.gdprsuite.consent.ConsentFixtures.purpose;
import static org.gdprsuite.consent.ConsentFixtures.staff;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.Topics;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Consent decisions from integrating systems, on consent.inbound and over REST, with the same semantics. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class InboundConsentTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Test
    void kafkaEventsAreAppliedOnceInOrderOfEffectAndBadOnesAreDeadLettered() {
        purpose("inbound-news", true, null, null);
        UUID person = UUID.randomUUID();
        String key = person.toString();
        String granted = event(UUID.randomUUID(), person, "inbound-news", "GRANTED", "2026-05-02T10:00:00Z");
        String olderWithdrawal = event(UUID.randomUUID(), person, "inbound-news", "WITHDRAWN", "2026-05-01T10:00:00Z");
        String schemaInvalid = event(UUID.randomUUID(), person, "inbound-news", "MAYBE", "2026-05-03T10:00:00Z");
        String unknownPurpose = event(UUID.randomUUID(), person, "no-such-purpose", "GRANTED", "2026-05-03T10:00:00Z");
        String malformed = "{\"specversion\":\"1.0\", oops";
        String last = event(UUID.randomUUID(), person, "inbound-news", "GRANTED", "2026-05-04T10:00:00Z");

        KafkaProbe.send(prefix + Topics.CONSENT_INBOUND, List.of(Map.entry(key, granted), Map.entry(key, granted),
                Map.entry(key, olderWithdrawal), Map.entry(key, schemaInvalid), Map.entry(key, unknownPurpose),
                Map.entry(key, malformed), Map.entry(key, last)));

        awaitHistorySize(person, "inbound-news", 3);
        given().auth().oauth2(staff(DemoUser.DPO)).when().get("/api/consents/persons/" + person + "/purposes/inbound-news/history")
                .then().body("status", contains("WITHDRAWN", "GRANTED", "GRANTED"))
                .body("effectiveAt", contains("2026-05-01T10:00:00Z", "2026-05-02T10:00:00Z", "2026-05-04T10:00:00Z"))
                .body("recordedBy[1]", equalTo("web-form-test"))
                .body("evidence[1].formId", equalTo("newsletter-box"));
        ConsentLedgerTest.decision(person, "inbound-news").then().body("allowed", equalTo(true))
                .body("since", equalTo("2026-05-04T10:00:00Z"));

        List<ConsumerRecord<String, String>> dead = KafkaProbe.readUntil(prefix + Topics.deadLetter(Topics.CONSENT_INBOUND),
                records -> records.stream().filter(r -> key.equals(r.key())).count() >= 3, WAIT);
        List<String> reasons = dead.stream().filter(r -> key.equals(r.key()))
                .map(r -> KafkaProbe.header(r, "dead-letter-reason")).toList();
        assertEquals(3, reasons.size(), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("schema")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("unknown purpose")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("not JSON")), reasons.toString());
        assertTrue(reasons.stream().noneMatch(r -> r.contains(person.toString())), "no personal data in the reason");
    }

    @Test
    void theRestWayInHasTheSameSemantics() {
        purpose("rest-inbound-news", true, null, null);
        UUID person = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        String granted = event(id, person, "rest-inbound-news", "GRANTED", "2026-06-01T00:00:00Z");

        post(granted).then().statusCode(201).body("duplicate", equalTo(false));
        post(granted).then().statusCode(200).body("duplicate", equalTo(true));
        post(event(UUID.randomUUID(), person, "rest-inbound-news", "WITHDRAWN", "2026-05-01T00:00:00Z")).then().statusCode(201);
        post(event(UUID.randomUUID(), person, "rest-inbound-news", "MAYBE", "2026-07-01T00:00:00Z")).then().statusCode(400)
                .contentType("application/problem+json");
        post(event(UUID.randomUUID(), person, "unknown-purpose-x", "GRANTED", "2026-07-01T00:00:00Z")).then().statusCode(422)
                .contentType("application/problem+json");
        post("{ not json").then().statusCode(400).contentType("application/problem+json");

        ConsentLedgerTest.decision(person, "rest-inbound-news").then().body("allowed", equalTo(true));
        given().auth().oauth2(staff(DemoUser.DPO)).when().get("/api/consents/persons/" + person + "/purposes/rest-inbound-news/history")
                .then().body("status", contains("WITHDRAWN", "GRANTED"))
                .body("recordedBy[1]", equalTo("service-account-integration"));
        given().auth().oauth2(staff(DemoUser.MARKETING)).contentType(ContentType.JSON).body(granted)
                .when().post("/api/consents/inbound").then().statusCode(403);
    }

    private static io.restassured.response.Response post(String body) {
        return given().auth().oauth2(Tokens.integration()).contentType("application/cloudevents+json").body(body)
                .when().post("/api/consents/inbound");
    }

    private static void awaitHistorySize(UUID person, String purpose, int size) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            int now = given().auth().oauth2(staff(DemoUser.DPO))
                    .when().get("/api/consents/persons/" + person + "/purposes/" + purpose + "/history")
                    .then().extract().jsonPath().getList("$").size();
            if (now >= size) {
                return;
            }
            sleep();
        }
    }

    static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String event(UUID id, UUID person, String purpose, String status, String effectiveAt) {
        return """
                {"specversion":"1.0","id":"%s","source":"web-form-test","type":"consent.recorded","subject":"%s",
                 "time":"%s","datacontenttype":"application/json",
                 "data":{"personId":"%s","purpose":"%s","status":"%s","legalBasis":"CONSENT","effectiveAt":"%s",
                         "source":"WEB_FORM","channel":"website","noticeVersion":"2026-01",
                         "evidence":{"ip":"198.51.100.4","userAgent":"Firefox","formId":"newsletter-box"}}}
                """.formatted(id, person, effectiveAt, person, purpose, status, effectiveAt);
    }
}
