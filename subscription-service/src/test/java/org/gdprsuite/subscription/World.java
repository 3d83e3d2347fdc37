package org.gdprsuite.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentStateChanged;
import org.gdprsuite.events.payload.PersonAnonymized;
import org.gdprsuite.events.payload.PersonCreated;
import org.gdprsuite.events.payload.PersonRestrictionChanged;
import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.crypto.SubjectCipher;
import org.gdprsuite.runtime.crypto.SubjectKeys;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.Tokens;

import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;

/** What the other services tell subscription-service, sent as they would: events on the suite's topics. */
record World(String prefix) {

    UUID person(String email) {
        UUID id = UUID.randomUUID();
        created(id, email);
        return id;
    }

    void created(UUID id, String email) {
        // As contact-service publishes it: the address sealed with the person's key from the shared key store.
        contactEvent(id, EventType.PERSON_CREATED, new PersonCreated(id, sealed(id, email), "CUSTOMER"));
    }

    void consent(UUID person, String purpose, boolean allowed) {
        CloudEvent event = CloudEvent.of(
                "consent-service",
                EventType.CONSENT_STATE_CHANGED,
                person.toString(),
                new ConsentStateChanged(
                        person, purpose, allowed, "CONSENT", allowed ? "GRANTED" : "WITHDRAWN", Instant.now(), null));
        KafkaProbe.send(prefix + Topics.CONSENT_EVENTS, person.toString(), EventCodec.toJson(event));
    }

    void restrict(UUID person) {
        contactEvent(person, EventType.PERSON_RESTRICTION_CHANGED, new PersonRestrictionChanged(person, true));
    }

    /** As contact-service erases a person: their data key destroyed, then the event. */
    void anonymize(UUID person) {
        Arc.container().instance(SubjectKeys.class).get().destroy(person.toString());
        contactEvent(person, EventType.PERSON_ANONYMIZED, new PersonAnonymized(person));
    }

    static void type(String key, String purpose) {
        given().auth()
                .oauth2(Tokens.of(DemoUser.MARKETING))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Type " + key, "description", "About " + key, "purposeKey", purpose))
                .when()
                .put("/api/subscriptions/types/" + key)
                .then()
                .statusCode(200);
    }

    static void subscribe(UUID person, String type, boolean subscribed) {
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of("subscribed", subscribed, "source", "PHONE"))
                .when()
                .put("/api/subscriptions/persons/" + person + "/types/" + type)
                .then()
                .statusCode(200);
    }

    static String sealed(UUID person, String email) {
        return email == null
                ? null
                : Arc.container()
                        .instance(SubjectCipher.class)
                        .get()
                        .seal(person.toString(), SealedFields.EMAIL, email);
    }

    private void contactEvent(UUID person, EventType type, Object payload) {
        KafkaProbe.send(
                prefix + Topics.CONTACT_EVENTS,
                person.toString(),
                EventCodec.toJson(CloudEvent.of("contact-service", type, person.toString(), payload)));
    }

    /** A request as {@code user}. */
    static io.restassured.specification.RequestSpecification as(DemoUser user) {
        return given().auth().oauth2(Tokens.of(user)).when();
    }

    static void await(java.util.function.BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached in time: " + what);
            }
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
