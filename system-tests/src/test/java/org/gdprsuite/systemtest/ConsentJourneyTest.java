package org.gdprsuite.systemtest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentRecorded;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.MailBox;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From a new person in the CRM to a marketing audience, and the ways consent changes afterwards. */
class ConsentJourneyTest extends SystemTest {

    @Test
    void aNewPersonGetsDefaultBasesConfirmsByMailAndJoinsTheAudience() {
        String email = uniqueEmail("ines.moreau");
        UUID person = createPerson("Ines", "Moreau", email, Map.of());

        eventually()
                .untilAsserted(() -> as(DemoUser.SALES)
                        .when()
                        .get("/api/consents/persons/" + person)
                        .then()
                        .statusCode(200)
                        .body("purposes.find { it.purpose == 'customer-care' }.legalBasis", equalTo("CONTRACT"))
                        .body("purposes.find { it.purpose == 'customer-care' }.status", equalTo("GRANTED"))
                        .body("purposes.find { it.purpose == 'newsletter' }.status", equalTo("PENDING_CONFIRMATION")));
        assertTrue(decision(person, CUSTOMER_CARE), "the default legal basis allows customer care");
        assertFalse(decision(person, NEWSLETTER), "no newsletter before the person confirms");

        // Art. 14: added under contract, the person is told by mail, with the notice and the privacy centre.
        MailBox.Message informed =
                MailBox.await(email, m -> m.subject().equals("How we process your personal data"), MAIL_WAIT);
        assertTrue(informed.mime().contains("Customer care (Art. 6(1)(b) GDPR)"), informed.mime());
        assertFalse(informed.mime().contains("Newsletter and product news"), "a purpose under consent is not in it");
        assertTrue(informed.link("/public/requests/centre").orElseThrow().startsWith(suite.gateway()));
        assertTrue(informed.link("/public/consents/notices").isPresent(), informed.mime());

        subscribe(person, PRODUCT_NEWS, true);
        MailBox.Message request = confirmNewsletterByMail(email);
        assertTrue(
                request.link("/public/consents/confirm").orElseThrow().startsWith(suite.gateway()),
                "the link in the mail leads to the gateway");

        assertTrue(decision(person, NEWSLETTER));
        as(DemoUser.DPO)
                .when()
                .get("/api/consents/persons/" + person + "/purposes/newsletter/history")
                .then()
                .statusCode(200)
                .rootPath("items")
                .body("status", equalTo(List.of("PENDING_CONFIRMATION", "GRANTED")))
                .body("channel[1]", equalTo("double-opt-in"));
        eventually().until(() -> audience(PRODUCT_NEWS).contains(person.toString()));
    }

    @Test
    void consentEventsFromAnIntegratingSystemAreAppliedOnceInOrderAndTheBadOneIsDeadLettered() {
        String email = uniqueEmail("omar.haddad");
        UUID person = createPerson("Omar", "Haddad", email, Map.of());
        subscribe(person, PRODUCT_NEWS, true);
        eventually().until(() -> consentStatus(person, NEWSLETTER).equals("PENDING_CONFIRMATION"));

        Instant now = Instant.now();
        String granted = inbound(person, "GRANTED", now);
        String older = inbound(person, "WITHDRAWN", now.minus(Duration.ofHours(1)));
        CloudEvent invalid = event(person, "MAYBE", now); // not a status of the schema
        String malformedId = invalid.id();
        String malformed = EventCodec.toJson(invalid);
        String topic = suite.topic(Topics.CONSENT_INBOUND);
        KafkaProbe.send(
                topic,
                List.of(
                        Map.entry(person.toString(), granted),
                        Map.entry(person.toString(), granted),
                        Map.entry(person.toString(), older),
                        Map.entry(person.toString(), malformed)));

        eventually().until(() -> decision(person, NEWSLETTER));
        eventually().until(() -> audience(PRODUCT_NEWS).contains(person.toString()));
        List<ConsumerRecord<String, String>> dead = KafkaProbe.readUntil(
                suite.topic(Topics.deadLetter(Topics.CONSENT_INBOUND)),
                read -> read.stream().anyMatch(r -> r.value().contains(malformedId)),
                Duration.ofSeconds(60));
        ConsumerRecord<String, String> deadLettered = dead.stream()
                .filter(r -> r.value().contains(malformedId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the malformed event is not in the dead-letter topic"));
        assertTrue(KafkaProbe.header(deadLettered, "dead-letter-reason") != null, "the DLQ record carries the reason");
        assertEquals(
                1,
                dead.stream().filter(r -> person.toString().equals(r.key())).count(),
                "only the malformed one is dead");

        // The duplicate made no second record, the older withdrawal is kept as history but does not win.
        List<String> sources = as(DemoUser.DPO)
                .when()
                .get("/api/consents/persons/" + person + "/purposes/newsletter/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.source");
        assertEquals(2, sources.stream().filter("WEB_FORM"::equals).count(), sources.toString());
        assertTrue(decision(person, NEWSLETTER), "the older withdrawal did not overturn the newer grant");

        KafkaProbe.send(topic, person.toString(), inbound(person, "WITHDRAWN", Instant.now()));
        eventually().until(() -> !decision(person, NEWSLETTER));
        eventually().until(() -> !audience(PRODUCT_NEWS).contains(person.toString()));
    }

    @Test
    void thePersonOptsOutOfOneSubscriptionInThePreferenceCentreFromAMail() {
        String email = uniqueEmail("lena.fischer");
        UUID person = createPerson("Lena", "Fischer", email, Map.of());
        subscribe(person, PRODUCT_NEWS, true);
        subscribe(person, EVENT_INVITATIONS, true);
        MailBox.Message mail = confirmNewsletterByMail(email);
        eventually()
                .until(() -> audience(PRODUCT_NEWS).contains(person.toString())
                        && audience(EVENT_INVITATIONS).contains(person.toString()));

        URI preferences =
                URI.create(mail.link("/public/subscriptions/preferences?token=").orElseThrow());
        String token = preferences.getQuery().substring("token=".length());
        anonymous()
                .queryParam("token", token)
                .when()
                .get("/public/subscriptions/preferences")
                .then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .body(containsString("Product news"))
                .body(containsString("Event invitations"));
        // The page works without JavaScript: its form posts the ticked boxes, here only the event invitations.
        anonymous()
                .formParam("token", token)
                .formParam("subscription", EVENT_INVITATIONS)
                .when()
                .post("/public/subscriptions/preferences")
                .then()
                .statusCode(200);

        eventually().until(() -> !audience(PRODUCT_NEWS).contains(person.toString()));
        assertTrue(audience(EVENT_INVITATIONS).contains(person.toString()), "the other subscription stays");
        as(DemoUser.SUPPORT)
                .when()
                .get("/api/subscriptions/persons/" + person + "/history")
                .then()
                .statusCode(200)
                .body("items.source", hasItem("PREFERENCE_CENTRE"));
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        anonymous()
                .queryParam("token", tampered)
                .when()
                .get("/public/subscriptions/preferences")
                .then()
                .statusCode(403);
    }

    private static String consentStatus(UUID person, String purpose) {
        List<Map<String, Object>> purposes = as(DemoUser.SALES)
                .when()
                .get("/api/consents/persons/" + person)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("purposes");
        return purposes.stream()
                .filter(p -> purpose.equals(p.get("purpose")))
                .map(p -> String.valueOf(p.get("status")))
                .findFirst()
                .orElse("none");
    }

    /** A consent decision as a web form of an integrating system reports it on consent.inbound. */
    private static String inbound(UUID person, String status, Instant effectiveAt) {
        return EventCodec.toJson(event(person, status, effectiveAt));
    }

    private static CloudEvent event(UUID person, String status, Instant effectiveAt) {
        return CloudEvent.of(
                "web-shop",
                EventType.CONSENT_RECORDED,
                person.toString(),
                new ConsentRecorded(
                        person,
                        NEWSLETTER,
                        status,
                        "CONSENT",
                        effectiveAt,
                        "WEB_FORM",
                        "shop-checkout",
                        null,
                        new ConsentRecorded.Evidence("198.51.100.7", "Mozilla/5.0", "checkout-newsletter")));
    }
}
