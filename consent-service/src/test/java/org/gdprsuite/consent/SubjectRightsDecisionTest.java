package org.gdprsuite.consent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentStateChanged;
import org.gdprsuite.events.payload.ObjectionChanged;
import org.gdprsuite.events.payload.PersonAnonymized;
import org.gdprsuite.events.payload.PersonCreated;
import org.gdprsuite.events.payload.PersonRestrictionChanged;
import org.gdprsuite.events.payload.SubscriptionChanged;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gdprsuite.consent.ConsentFixtures.purpose;
import static org.gdprsuite.consent.ConsentFixtures.staff;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The decision honours every right exercised elsewhere in the suite: each reason arises from the real event of the
 * service that owns the fact (contact.events, subscription.events, an objection on consent.inbound) and goes again
 * when the right is lifted; consent.events carries the same effective decision.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class SubjectRightsDecisionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NEWS = "rights-news"; // consent, direct marketing
    private static final String LETTERS = "rights-letters"; // consent, sent under two subscription types
    private static final String CONTRACT = "rights-contract"; // contract, the default basis of a new person

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Test
    void aRestrictionDeniesEveryPurposeUntilLiftedAndConsentEventsSayWhy() {
        UUID person = createdWithConsents();

        contact(EventType.PERSON_RESTRICTION_CHANGED, person, new PersonRestrictionChanged(person, true));
        awaitReasons(person, CONTRACT, "RESTRICTED");
        awaitReasons(person, NEWS, "RESTRICTED");
        ConsentStateChanged published = awaitState(person, CONTRACT, List.of("RESTRICTED"));
        assertEquals(false, published.allowed());
        assertEquals("CONTRACT", published.legalBasis());

        contact(EventType.PERSON_RESTRICTION_CHANGED, person, new PersonRestrictionChanged(person, false));
        awaitReasons(person, CONTRACT);
        awaitReasons(person, NEWS);
        assertEquals(true, awaitState(person, NEWS, List.of()).allowed());
    }

    @Test
    void theGlobalOptOutDeniesDirectMarketingNeverTheContract() {
        UUID person = createdWithConsents();

        subscription(person, "*", false, null);
        awaitReasons(person, NEWS, "OPTED_OUT");
        decision(person, CONTRACT).then().body("allowed", equalTo(true));
        decision(person, LETTERS).then().body("allowed", equalTo(true)); // consent, but not direct marketing

        subscription(person, "*", true, null);
        awaitReasons(person, NEWS);
    }

    @Test
    void aPurposeIsOptedOutOnceEveryTypeSentUnderItIsUnsubscribed() {
        UUID person = createdWithConsents();
        subscription(person, "rights-letters-a", true, LETTERS);
        subscription(person, "rights-letters-b", true, LETTERS);

        subscription(person, "rights-letters-a", false, LETTERS);
        subscription(person, "rights-letters-b", false, LETTERS);
        awaitReasons(person, LETTERS, "OPTED_OUT");
        decision(person, NEWS).then().body("allowed", equalTo(true));

        subscription(person, "rights-letters-b", true, LETTERS);
        awaitReasons(person, LETTERS);
    }

    @Test
    void objectionsDenyWhatTheyNameAndEndWhenLifted() {
        UUID person = createdWithConsents();

        objection(person, ObjectionChanged.Scope.DIRECT_MARKETING, List.of(), true);
        awaitReasons(person, NEWS, "OBJECTED");
        decision(person, CONTRACT).then().body("allowed", equalTo(true));
        decision(person, LETTERS).then().body("allowed", equalTo(true));

        objection(person, ObjectionChanged.Scope.PURPOSES, List.of(LETTERS), true);
        awaitReasons(person, LETTERS, "OBJECTED");

        objection(person, ObjectionChanged.Scope.ALL, List.of(), true);
        objection(person, ObjectionChanged.Scope.DIRECT_MARKETING, List.of(), false);
        objection(person, ObjectionChanged.Scope.PURPOSES, List.of(LETTERS), false);
        awaitReasons(person, LETTERS, "OBJECTED"); // still: the objection to all processing stands
        decision(person, CONTRACT).then().body("allowed", equalTo(true)); // Art. 21 never reaches a contract

        objection(person, ObjectionChanged.Scope.ALL, List.of(), false);
        awaitReasons(person, NEWS);
        awaitReasons(person, LETTERS);
    }

    @Test
    void anAnonymizedPersonIsErasedForEveryPurposeAndTheBatchSaysWhyForEach() {
        UUID erased = createdWithConsents();
        UUID restricted = createdWithConsents();
        UUID free = createdWithConsents();
        contact(EventType.PERSON_ANONYMIZED, erased, new PersonAnonymized(erased));
        contact(EventType.PERSON_RESTRICTION_CHANGED, restricted, new PersonRestrictionChanged(restricted, true));
        awaitReasons(erased, NEWS, "WITHDRAWN", "ERASED");
        awaitReasons(restricted, NEWS, "RESTRICTED");

        UUID stranger = UUID.randomUUID();
        given().auth()
                .oauth2(Tokens.integration())
                .contentType(ContentType.JSON)
                .body(Map.of("purpose", NEWS, "personIds", List.of(erased, restricted, free, stranger)))
                .when()
                .post("/api/consents/decisions")
                .then()
                .statusCode(200)
                .body("decisions.allowed", contains(false, false, true, false))
                .body("decisions[0].reasons", contains("WITHDRAWN", "ERASED"))
                .body("decisions[1].reasons", contains("RESTRICTED"))
                .body("decisions[2].reasons.size()", equalTo(0))
                .body("decisions[3].reasons", contains("UNKNOWN_SUBJECT"));
    }

    @Test
    void anObjectionForAnUnknownPersonIsRefusedBothWaysIn() {
        purpose(NEWS, true, null, null, true);
        UUID stranger = UUID.randomUUID();
        String event = EventCodec.toJson(objectionEvent(stranger, ObjectionChanged.Scope.ALL, List.of(), true));
        given().auth()
                .oauth2(Tokens.integration())
                .contentType("application/cloudevents+json")
                .body(event)
                .when()
                .post("/api/consents/inbound")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://gdpr-suite.org/problems/person-not-found"));

        KafkaProbe.send(prefix + Topics.CONSENT_INBOUND, stranger.toString(), event);
        KafkaProbe.readUntil(
                prefix + Topics.deadLetter(Topics.CONSENT_INBOUND),
                records -> records.stream().anyMatch(r -> stranger.toString().equals(r.key())),
                WAIT);
        decision(stranger, NEWS).then().body("reasons", contains("UNKNOWN_SUBJECT"));
    }

    /**
     * A person created by contact-service (so known, with the contract as default basis) who consented to the
     * direct-marketing newsletter and to the letters; nothing forbids anything yet.
     */
    private UUID createdWithConsents() {
        purpose(CONTRACT, false, "CONTRACT", null);
        purpose(NEWS, true, null, null, true);
        purpose(LETTERS, true, null, null, false);
        UUID person = UUID.randomUUID();
        contact(EventType.PERSON_CREATED, person, new PersonCreated(person, null, "customer"));
        awaitReasons(person, CONTRACT);
        for (String purpose : List.of(NEWS, LETTERS)) {
            given().auth()
                    .oauth2(staff(DemoUser.SALES))
                    .contentType(ContentType.JSON)
                    .body(Map.of("legalBasis", "CONSENT", "status", "GRANTED", "source", "WEB_FORM"))
                    .when()
                    .post("/api/consents/persons/" + person + "/purposes/" + purpose)
                    .then()
                    .statusCode(201);
        }
        return person;
    }

    private void contact(EventType type, UUID person, Object payload) {
        send(Topics.CONTACT_EVENTS, CloudEvent.of("contact-service", type, person.toString(), payload));
    }

    private void subscription(UUID person, String type, boolean subscribed, String purpose) {
        send(
                Topics.SUBSCRIPTION_EVENTS,
                CloudEvent.of(
                        "subscription-service",
                        EventType.SUBSCRIPTION_CHANGED,
                        person.toString(),
                        new SubscriptionChanged(person, type, subscribed, "PREFERENCE_CENTRE", purpose)));
    }

    private void objection(UUID person, ObjectionChanged.Scope scope, List<String> purposes, boolean objected) {
        send(Topics.CONSENT_INBOUND, objectionEvent(person, scope, purposes, objected));
    }

    private static CloudEvent objectionEvent(
            UUID person, ObjectionChanged.Scope scope, List<String> purposes, boolean objected) {
        return CloudEvent.of(
                "erasure-service",
                EventType.CONSENT_OBJECTION_CHANGED,
                person.toString(),
                new ObjectionChanged(person, scope.name(), purposes, objected, null, UUID.randomUUID()));
    }

    private void send(String topic, CloudEvent event) {
        KafkaProbe.send(prefix + topic, event.subject(), EventCodec.toJson(event));
    }

    private static io.restassured.response.Response decision(UUID person, String purpose) {
        return ConsentLedgerTest.decision(person, purpose);
    }

    /** Waits until the decision says exactly {@code reasons} (none: allowed). */
    private static void awaitReasons(UUID person, String purpose, String... reasons) {
        await().atMost(WAIT)
                .until(() -> decision(person, purpose)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("reasons", String.class)
                        .equals(List.of(reasons)));
        decision(person, purpose).then().body("allowed", equalTo(reasons.length == 0));
    }

    /** The newest consent.events state of the person × purpose, once it carries {@code reasons}. */
    private ConsentStateChanged awaitState(UUID person, String purpose, List<String> reasons) {
        return KafkaProbe.readUntil(
                        prefix + Topics.CONSENT_EVENTS,
                        records -> records.stream()
                                .filter(r -> person.toString().equals(r.key()))
                                .map(r -> EventCodec.parse(r.value()).dataAs(ConsentStateChanged.class))
                                .filter(s -> purpose.equals(s.purpose()))
                                .reduce((first, second) -> second)
                                .map(s -> s.reasons().equals(reasons))
                                .orElse(false),
                        WAIT)
                .stream()
                .filter(r -> person.toString().equals(r.key()))
                .map(r -> EventCodec.parse(r.value()).dataAs(ConsentStateChanged.class))
                .filter(s -> purpose.equals(s.purpose()))
                .reduce((first, second) -> second)
                .orElseThrow();
    }
}
