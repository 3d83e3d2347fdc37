package org.gdprsuite.erasure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ObjectionChanged;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.gdprsuite.erasure.Requests.audit;
import static org.gdprsuite.erasure.Requests.create;
import static org.gdprsuite.erasure.Requests.post;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request of type OBJECTION against the real PostgreSQL and Kafka: approved, it goes to consent-service as
 * consent.objection-changed on consent.inbound (schema-valid, keyed by the person) with the scope taken, and is
 * completed without any participant (nothing is restricted).
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class ObjectionRequestTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Test
    void anApprovedObjectionToDirectMarketingIsSentToConsentServiceAndCompleted() {
        UUID person = UUID.randomUUID();
        UUID id = create(
                DemoUser.SUPPORT,
                Map.of("type", "OBJECTION", "personIds", List.of(person), "scope", "DIRECT_MARKETING"));

        approve(id).body("status", equalTo("COMPLETED")).body("participants", empty());

        ObjectionChanged sent = objection(person);
        assertEquals("DIRECT_MARKETING", sent.scope());
        assertEquals(List.of(), sent.purposes());
        assertTrue(sent.objected());
        assertEquals(id, sent.requestId());
        assertTrue(audit(id).containsAll(List.of("received", "approved", "objection sent", "completed")), "audit");
    }

    @Test
    void anObjectionToNamedPurposesGoesOutForEveryPersonOfTheAddress() {
        String email = "olga." + UUID.randomUUID() + "@example.org";
        List<UUID> persons = List.of(UUID.randomUUID(), UUID.randomUUID());
        TestBeans.KnownSubjects.BY_EMAIL.put(email, persons);
        UUID id = create(
                DemoUser.DPO,
                Map.of("type", "OBJECTION", "email", email, "scope", "PURPOSES", "purposes", List.of("profiling")));

        approve(id).body("status", equalTo("COMPLETED"));

        for (UUID person : persons) {
            ObjectionChanged sent = objection(person);
            assertEquals("PURPOSES", sent.scope());
            assertEquals(List.of("profiling"), sent.purposes());
            assertEquals(id, sent.requestId());
        }
    }

    @Test
    void anObjectionNamingNoScopeIsToAllProcessing() {
        UUID person = UUID.randomUUID();
        UUID id = create(DemoUser.DPO, Map.of("type", "OBJECTION", "personIds", List.of(person)));

        approve(id).body("status", equalTo("COMPLETED"));

        assertEquals("ALL", objection(person).scope());
    }

    @Test
    void anUnknownScopeOrAScopeOnAnotherTypeIsRefusedAndNothingIsTaken() {
        UUID person = UUID.randomUUID();
        refused(
                Map.of("type", "OBJECTION", "personIds", List.of(person), "scope", "EVERYTHING"),
                "objection-scope-unknown");
        refused(
                Map.of("type", "OBJECTION", "personIds", List.of(person), "scope", "PURPOSES"),
                "objection-purposes-missing");
        refused(
                Map.of("type", "OBJECTION", "personIds", List.of(person), "purposes", List.of("Not A Purpose")),
                "purpose-name-invalid");
        refused(Map.of("type", "ERASURE", "personIds", List.of(person), "scope", "ALL"), "objection-scope-misplaced");

        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .queryParam("personId", person)
                .when()
                .get("/api/requests")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    private static void refused(Map<String, Object> body, String problem) {
        post(DemoUser.DPO, body)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://gdpr-suite.org/problems/" + problem));
    }

    private static io.restassured.response.ValidatableResponse approve(UUID id) {
        return given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .post("/api/requests/" + id + "/approval")
                .then()
                .statusCode(200);
    }

    /** The objection sent for the person (parsing checks it against the inbound schema, as consent-service does). */
    private ObjectionChanged objection(UUID person) {
        ConsumerRecord<String, String> record = KafkaProbe.awaitRecord(
                prefix + Topics.CONSENT_INBOUND, r -> person.toString().equals(r.key()), WAIT);
        CloudEvent event = EventCodec.parse(record.value());
        assertEquals(EventType.CONSENT_OBJECTION_CHANGED.type(), event.type());
        return event.dataAs(ObjectionChanged.class);
    }
}
