package org.gdprsuite.consent;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.consent.domain.ExpirySweep;
import org.gdprsuite.consent.messaging.ContactEventsConsumer;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.events.payload.PersonCreated;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;
import org.gdprsuite.runtime.internal.dsr.DsrCommandHandler;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.MovableClock;
import org.gdprsuite.testsupport.SuiteStack;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A new person's default bases and double opt-in, expiry, and the person's slice of a data-subject request. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class NewPersonAndLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    MovableClock clock;

    @Inject
    ExpirySweep expiry;

    @Inject
    DsrCommandHandler dsr;

    @Inject
    IdempotentConsumer consumer;

    @Inject
    ContactEventsConsumer contactEvents;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aNewPersonGetsDefaultBasesAndConfirmsConsentThroughTheMailedLink() {
        purpose("optin-contract", false, "CONTRACT", null);
        purpose("optin-news", true, null, null);
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(Map.of("sendConsentRequests", true))
                .when()
                .put("/api/consents/settings")
                .then()
                .statusCode(200);
        UUID person = UUID.randomUUID();
        CloudEvent created = CloudEvent.of(
                "contact-service",
                EventType.PERSON_CREATED,
                person.toString(),
                new PersonCreated(person, "v1.c2VhbGVkIGZvciBhZGEncyBrZXk=", "customer"));

        KafkaProbe.send(prefix + Topics.CONTACT_EVENTS, person.toString(), EventCodec.toJson(created));

        NotificationRequested mail = consentRequest(person, "Purpose optin-news");
        assertNull(mail.email(), "the person is named; subscription-service opens their sealed address");
        assertEquals(person, mail.personId());
        ConsentLedgerTest.decision(person, "optin-contract")
                .then()
                .body("allowed", equalTo(true))
                .body("legalBasis", equalTo("CONTRACT"));
        ConsentLedgerTest.decision(person, "optin-news")
                .then()
                .body("allowed", equalTo(false))
                .body("status", equalTo("PENDING_CONFIRMATION"));

        URI link = URI.create(mail.parameters().get("confirmLink"));
        String token = link.getQuery().substring("token=".length());
        given().queryParam("token", token)
                .when()
                .get("/public/consents/confirm")
                .then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .body(containsString("I confirm"))
                .body(containsString("Purpose optin-news"));
        ConsentLedgerTest.decision(person, "optin-news").then().body("allowed", equalTo(false));

        given().formParam("token", token)
                .header("User-Agent", "TestBrowser/1.0")
                .when()
                .post("/public/consents/confirm")
                .then()
                .statusCode(200)
                .body(containsString("is recorded"));
        ConsentLedgerTest.decision(person, "optin-news")
                .then()
                .body("allowed", equalTo(true))
                .body("status", equalTo("GRANTED"));
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get("/api/consents/persons/" + person + "/purposes/optin-news/history")
                .then()
                .rootPath("items")
                .body("source[1]", equalTo("EMAIL"))
                .body("channel[1]", equalTo("double-opt-in"))
                .body("evidence[1].userAgent", equalTo("TestBrowser/1.0"))
                .body("evidence[1].ip", notNullValue());

        given().formParam("token", token)
                .when()
                .post("/public/consents/confirm")
                .then()
                .statusCode(200)
                .body(containsString("nothing to confirm"));
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        given().queryParam("token", tampered)
                .when()
                .get("/public/consents/confirm")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().when().get("/public/consents/confirm").then().statusCode(403);
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(Map.of("sendConsentRequests", false))
                .when()
                .put("/api/consents/settings")
                .then()
                .statusCode(200);
    }

    @Test
    void aConsentExpiresAfterItsValidity() {
        purpose("expiring-news", true, null, 30);
        UUID person = knownPerson(prefix);
        given().auth()
                .oauth2(staff(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of("legalBasis", "CONSENT", "status", "GRANTED", "source", "MANUAL"))
                .when()
                .post("/api/consents/persons/" + person + "/purposes/expiring-news")
                .then()
                .statusCode(201)
                .body("validUntil", notNullValue());

        clock.advance(Duration.ofDays(31));
        ConsentLedgerTest.decision(person, "expiring-news")
                .then()
                .body("allowed", equalTo(false))
                .body("status", equalTo("EXPIRED"))
                .body("reasons", contains("EXPIRED"));

        expiry.run();

        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get("/api/consents/persons/" + person + "/purposes/expiring-news/history")
                .then()
                .rootPath("items")
                .body("status", hasItem("EXPIRED"))
                .body("recordedBy[1]", equalTo("consent-service (expiry)"));
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get("/api/consents/persons/" + person)
                .then()
                .body("purposes[0].status", equalTo("EXPIRED"));
    }

    @Test
    void theDsrSliceExportsTheLedgerAndErasureKeepsProofButNotEvidence() {
        purpose("dsr-news", true, null, null);
        UUID person = knownPerson(prefix);
        given().auth()
                .oauth2(staff(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "legalBasis",
                        "CONSENT",
                        "status",
                        "GRANTED",
                        "source",
                        "WEB_FORM",
                        "evidence",
                        Map.of("ip", "192.0.2.1", "userAgent", "Safari")))
                .when()
                .post("/api/consents/persons/" + person + "/purposes/dsr-news")
                .then()
                .statusCode(201);
        SubjectIds subject = new SubjectIds(List.of(person), List.of());

        DsrReply export = dsr.handle(
                UUID.randomUUID().toString(), DsrAction.EXPORT, new DsrCommand(UUID.randomUUID(), subject, List.of()));
        assertEquals(DsrReply.Outcome.DONE, export.outcome());
        assertTrue(export.slice().toString().contains("192.0.2.1"), "the export carries the evidence");
        assertEquals(
                "dsr-news",
                export.slice().get(0).get("current").get(0).get("purpose").asText());

        String commandId = UUID.randomUUID().toString();
        DsrCommand erase = new DsrCommand(UUID.randomUUID(), subject, List.of());
        assertEquals(
                DsrReply.Outcome.DONE,
                dsr.handle(commandId, DsrAction.ERASE, erase).outcome());
        assertEquals(
                DsrReply.Outcome.DONE,
                dsr.handle(commandId, DsrAction.ERASE, erase).outcome());

        ConsentLedgerTest.decision(person, "dsr-news")
                .then()
                .body("allowed", equalTo(false))
                .body("status", equalTo("WITHDRAWN"))
                .body("reasons", contains("WITHDRAWN", "ERASED"));
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get("/api/consents/persons/" + person + "/purposes/dsr-news/history")
                .then()
                .rootPath("items")
                .body("size()", equalTo(2))
                .body("evidence", not(hasItem(notNullValue())))
                .body("status[0]", equalTo("GRANTED"))
                .body("recordedBy[1]", equalTo("consent-service (erasure)"))
                .body("evidence[0]", nullValue());
    }

    @Test
    void anAnonymizedPersonLosesTheEvidenceAndEveryBasisThatAllowedProcessing() {
        purpose("anon-news", true, null, null);
        UUID person = knownPerson(prefix);
        given().auth()
                .oauth2(staff(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "legalBasis",
                        "CONSENT",
                        "status",
                        "GRANTED",
                        "source",
                        "WEB_FORM",
                        "evidence",
                        Map.of("ip", "192.0.2.9", "userAgent", "Edge")))
                .when()
                .post("/api/consents/persons/" + person + "/purposes/anon-news")
                .then()
                .statusCode(201);
        CloudEvent anonymized = CloudEvent.of(
                "contact-service",
                EventType.PERSON_ANONYMIZED,
                person.toString(),
                new org.gdprsuite.events.payload.PersonAnonymized(person));

        KafkaProbe.send(prefix + Topics.CONTACT_EVENTS, person.toString(), EventCodec.toJson(anonymized));

        java.time.Instant deadline = java.time.Instant.now().plus(WAIT);
        while (ConsentLedgerTest.decision(person, "anon-news").then().extract().<Boolean>path("allowed")
                && java.time.Instant.now().isBefore(deadline)) {
            InboundConsentTest.sleep();
        }
        ConsentLedgerTest.decision(person, "anon-news")
                .then()
                .body("allowed", equalTo(false))
                .body("status", equalTo("WITHDRAWN"))
                .body("reasons", contains("WITHDRAWN", "ERASED"));
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get("/api/consents/persons/" + person + "/purposes/anon-news/history")
                .then()
                .rootPath("items")
                .body("evidence", not(hasItem(notNullValue())));
    }

    @Test
    void aPollOfContactEventsIsAppliedInOrderAndAPersonErasedTwiceIsWithdrawnOnce() {
        purpose("poll-contract", false, "CONTRACT", null);
        purpose("poll-news", true, null, null);
        UUID[] known = knownPersons(prefix, 2);
        UUID twice = known[0];
        UUID other = known[1];
        for (UUID person : List.of(twice, other)) {
            given().auth()
                    .oauth2(staff(DemoUser.SALES))
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "legalBasis",
                            "CONSENT",
                            "status",
                            "GRANTED",
                            "source",
                            "WEB_FORM",
                            "evidence",
                            Map.of("ip", "192.0.2.7")))
                    .when()
                    .post("/api/consents/persons/" + person + "/purposes/poll-news")
                    .then()
                    .statusCode(201);
        }
        UUID createdThenErased = UUID.randomUUID();

        // The person created in the poll is erased after, as one by one; the one erased twice only once.
        consumer.applyAllOnce(
                List.of(
                        anonymized(twice),
                        contactEvent(
                                EventType.PERSON_CREATED,
                                createdThenErased,
                                new PersonCreated(createdThenErased, null, "customer")),
                        anonymized(createdThenErased),
                        anonymized(other),
                        anonymized(twice)),
                "contact-events-test-" + UUID.randomUUID(),
                contactEvents::apply);

        ConsentLedgerTest.decision(createdThenErased, "poll-contract")
                .then()
                .body("allowed", equalTo(false))
                .body("status", equalTo("WITHDRAWN"));
        for (UUID person : List.of(twice, other)) {
            ConsentLedgerTest.decision(person, "poll-news")
                    .then()
                    .body("allowed", equalTo(false))
                    .body("status", equalTo("WITHDRAWN"));
            given().auth()
                    .oauth2(staff(DemoUser.DPO))
                    .when()
                    .get("/api/consents/persons/" + person + "/purposes/poll-news/history")
                    .then()
                    .rootPath("items")
                    .body("status", contains("GRANTED", "WITHDRAWN"))
                    .body("evidence", not(hasItem(notNullValue())));
        }
    }

    private static CloudEvent anonymized(UUID person) {
        return contactEvent(
                EventType.PERSON_ANONYMIZED, person, new org.gdprsuite.events.payload.PersonAnonymized(person));
    }

    private static CloudEvent contactEvent(EventType type, UUID person, Object payload) {
        return CloudEvent.of("contact-service", type, person.toString(), payload);
    }

    private NotificationRequested consentRequest(UUID person, String purposeName) {
        List<ConsumerRecord<String, String>> read = KafkaProbe.readUntil(
                prefix + Topics.NOTIFICATION_REQUESTS,
                records -> records.stream()
                        .anyMatch(r ->
                                person.toString().equals(r.key()) && r.value().contains(purposeName)),
                WAIT);
        // One request per purpose that needs consent; other tests add such purposes too.
        NotificationRequested mail = read.stream()
                .filter(r -> person.toString().equals(r.key()))
                .map(r -> EventCodec.parse(r.value()).dataAs(NotificationRequested.class))
                .filter(m -> purposeName.equals(m.parameters().get("purpose")))
                .findFirst()
                .orElse(null);
        assertNotNull(mail, "a consent request mail is asked for");
        assertEquals("consent.request", mail.template());
        return mail;
    }
}
