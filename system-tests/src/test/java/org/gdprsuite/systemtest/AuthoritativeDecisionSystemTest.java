package org.gdprsuite.systemtest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentRecorded;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteKafka;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 20's "one authoritative answer" through the gateway: consent-service's decision reflects every right
 * exercised anywhere in the suite (a restriction in the CRM, an opt-out in the preference centre, an objection
 * request), and the read models elsewhere (the audience of a subscription type, the CRM's search for persons who
 * may be processed) agree with it at every step.
 */
class AuthoritativeDecisionSystemTest extends SystemTest {

    /** The integrating system's own Kafka login: it may write consent.inbound and nothing else. */
    private static final String INTEGRATION = "integration";

    @Test
    void aConsentFromAnIntegrationThenARestrictionThenAnOptOutAndTheAudienceAgreesAtEveryStep() {
        // The web shop knows only the address: the consent waits in consent-service as a pending subject.
        String email = uniqueEmail("mara.lindqvist");
        publishAsIntegration(consent(null, email, NEWSLETTER));
        eventually()
                .until(() ->
                        decisionOf(asIntegration(), "email", email, NEWSLETTER).getBoolean("allowed"));

        // Sales creates the person later: the pending consent attaches to them, with its history.
        UUID person = createPerson("Mara", "Lindqvist", email, Map.of());
        awaitKnownToConsents(person);
        subscribe(person, PRODUCT_NEWS, true);
        awaitDecision(person, NEWSLETTER, List.of());
        assertAgree(person, email);

        // The DPO restricts processing (Art. 18): every purpose, the contract one too.
        as(DemoUser.DPO)
                .when()
                .post("/api/contacts/persons/" + person + "/restriction")
                .then()
                .statusCode(200);
        awaitDecision(person, NEWSLETTER, List.of("RESTRICTED"));
        awaitDecision(person, CUSTOMER_CARE, List.of("RESTRICTED"));
        assertAgree(person, email);

        as(DemoUser.DPO)
                .when()
                .delete("/api/contacts/persons/" + person + "/restriction")
                .then()
                .statusCode(200);
        awaitDecision(person, NEWSLETTER, List.of());
        assertAgree(person, email);

        // The person opts out of all marketing in the preference centre (Art. 21(3)): direct marketing only.
        optOutOfAllMarketing(person);
        awaitDecision(person, NEWSLETTER, List.of("OPTED_OUT"));
        awaitDecision(person, CUSTOMER_CARE, List.of());
        assertAgree(person, email);
    }

    @Test
    void anObjectionRequestToDirectMarketingTurnsTheMarketingDecisionsObjected() {
        String email = uniqueEmail("tomas.berg");
        UUID person = newsletterReader("Tomas", "Berg", email);

        String request = as(DemoUser.SUPPORT)
                .contentType(ContentType.JSON)
                .body(Map.of("type", "OBJECTION", "personIds", List.of(person), "scope", "DIRECT_MARKETING"))
                .when()
                .post("/api/requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(DemoUser.DPO)
                .when()
                .post("/api/requests/" + request + "/approval")
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));

        awaitDecision(person, NEWSLETTER, List.of("OBJECTED"));
        awaitDecision(person, CUSTOMER_CARE, List.of());
        assertAgree(person, email);
        as(DemoUser.SALES)
                .when()
                .get("/api/contacts/persons/" + person)
                .then()
                .statusCode(200)
                .body("restricted", equalTo(false));
    }

    /**
     * A person sales creates, whose newsletter consent the web shop publishes on Kafka, subscribed to product news:
     * allowed, in the audience and processable.
     */
    private static UUID newsletterReader(String firstName, String lastName, String email) {
        UUID person = createPerson(firstName, lastName, email, Map.of());
        awaitKnownToConsents(person);
        publishAsIntegration(consent(person, null, NEWSLETTER));
        subscribe(person, PRODUCT_NEWS, true);
        awaitDecision(person, NEWSLETTER, List.of());
        assertAgree(person, email);
        return person;
    }

    /** The decision for the purpose comes to exactly these reasons (none: allowed). */
    private static void awaitDecision(UUID person, String purpose, List<String> reasons) {
        eventually()
                .until(() -> reasons.equals(decisionOf(person, purpose).getList("reasons", String.class))
                        && reasons.isEmpty() == decision(person, purpose));
    }

    /**
     * The audience of a newsletter subscription, and the CRM's search for persons who may be processed, come to
     * agree with the newsletter decision.
     */
    private static void assertAgree(UUID person, String email) {
        boolean allowed = decision(person, NEWSLETTER);
        eventually().until(() -> audience(PRODUCT_NEWS).contains(person.toString()) == allowed);
        eventually().until(() -> processable(email) == allowed);
        assertEquals(allowed, decision(person, NEWSLETTER), "the decision stayed while the read models caught up");
    }

    /** Whether the CRM lists the person among those who may be processed. */
    private static boolean processable(String email) {
        int total = as(DemoUser.MARKETING)
                .queryParam("email", email)
                .queryParam("processing", true)
                .when()
                .get("/api/contacts/persons")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
        return total == 1;
    }

    /**
     * The person ticks "no marketing at all" in their preference centre and saves. Support hands them the link: the
     * consent they gave the web shop asked for no confirmation, so no consent-request mail brought one.
     */
    private static void optOutOfAllMarketing(UUID person) {
        String link = as(DemoUser.SUPPORT)
                .when()
                .post("/api/subscriptions/persons/" + person + "/preferences-link")
                .then()
                .statusCode(200)
                .extract()
                .path("link");
        String token = URI.create(link).getQuery().substring("token=".length());
        anonymous()
                .formParam("token", token)
                .formParam("globalOptOut", "on")
                .when()
                .post("/public/subscriptions/preferences")
                .then()
                .statusCode(200);
    }

    /** A granted consent as the web shop reports it, with its evidence, naming the person by id or by address. */
    private static CloudEvent consent(UUID person, String email, String purpose) {
        ConsentRecorded.Evidence evidence =
                new ConsentRecorded.Evidence("198.51.100.23", "Mozilla/5.0", "checkout-newsletter");
        return CloudEvent.of(
                "web-shop",
                EventType.CONSENT_RECORDED,
                person == null ? email : person.toString(),
                new ConsentRecorded(
                        person,
                        purpose,
                        "GRANTED",
                        "CONSENT",
                        Instant.now(),
                        "WEB_FORM",
                        "shop-checkout",
                        null,
                        evidence,
                        email,
                        null,
                        null));
    }

    /** Published on consent.inbound as the integrating system, logged in to Kafka as itself. */
    private static void publishAsIntegration(CloudEvent event) {
        Map<String, Object> config = SuiteKafka.as(INTEGRATION);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(
                            suite.topic(Topics.CONSENT_INBOUND), event.subject(), EventCodec.toJson(event)))
                    .get();
        } catch (Exception e) {
            throw new AssertionError("the integration could not publish on consent.inbound", e);
        }
    }
}
