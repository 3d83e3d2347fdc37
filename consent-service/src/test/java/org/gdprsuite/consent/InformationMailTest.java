package org.gdprsuite.consent;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
import org.gdprsuite.runtime.internal.dsr.DsrCommandHandler;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gdprsuite.consent.ConsentFixtures.purpose;
import static org.gdprsuite.consent.ConsentFixtures.staff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The information mail (Art. 13/14): a person created under a default basis other than consent is told, through
 * notification.requests, of those purposes with the link to the notice and the privacy centre; purposes under
 * consent (and one the settings switch off) are not in it; the mail is in the person's record and DSR export.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class InformationMailTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TEMPLATE = "information.notice";

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @ConfigProperty(name = "gdpr.public-base-url")
    String publicBaseUrl;

    @Inject
    DsrCommandHandler dsr;

    @Test
    void aPersonCreatedUnderLegitimateInterestIsToldAndTheFactIsInTheirRecord() {
        purpose("info-li", false, "LEGITIMATE_INTERESTS", null);
        purpose("info-consent", true, null, null);
        purpose("info-quiet", false, "CONTRACT", null); // switched off in the test profile
        UUID person = create("v1.c2VhbGVkIGZvciBhZGEncyBrZXk=");

        NotificationRequested mail = informationMail(person);
        assertNull(mail.email(), "the person is named; subscription-service opens their sealed address");
        String purposes = mail.parameters().get("purposes");
        assertTrue(purposes.contains("Purpose info-li (Art. 6(1)(f) GDPR)"), purposes);
        assertFalse(purposes.contains("info-consent"), "a purpose under consent is not told of: " + purposes);
        assertFalse(purposes.contains("info-quiet"), "a purpose switched off is not told of: " + purposes);
        assertEquals(
                publicBaseUrl + "/public/requests/centre", mail.parameters().get("privacyCentreLink"));
        assertTrue(mail.parameters().get("noticeLink").startsWith(publicBaseUrl + "/public/consents/notices"));

        JsonPath record = given().auth()
                .oauth2(staff(DemoUser.SUPPORT))
                .when()
                .get("/api/consents/persons/" + person)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(1, record.getList("informed").size());
        assertEquals("SENT", record.getString("informed[0].outcome"));
        assertEquals(TEMPLATE, record.getString("informed[0].template"));
        assertTrue(record.getList("informed[0].purposes", String.class).contains("info-li"));
        assertFalse(record.getList("informed[0].purposes", String.class).contains("info-quiet"));

        DsrReply export = dsr.handle(
                UUID.randomUUID().toString(),
                DsrAction.EXPORT,
                new DsrCommand(UUID.randomUUID(), new SubjectIds(List.of(person), List.of()), List.of()));
        assertEquals(DsrReply.Outcome.DONE, export.outcome());
        assertEquals(
                "SENT",
                export.slice().get(0).get("informed").get(0).get("outcome").asText());
    }

    @Test
    void aPersonWithoutAnAddressGetsTheBasesButNoMail() {
        purpose("info-li", false, "LEGITIMATE_INTERESTS", null);
        UUID person = create(null);
        await().atMost(WAIT)
                .until(() -> given().auth()
                        .oauth2(staff(DemoUser.SUPPORT))
                        .when()
                        .get("/api/consents/persons/" + person)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("purposes.purpose", String.class)
                        .contains("info-li"));
        // The bases and the mail are written in one transaction: with the bases there, no mail means none at all.
        given().auth()
                .oauth2(staff(DemoUser.SUPPORT))
                .when()
                .get("/api/consents/persons/" + person)
                .then()
                .body("informed.size()", org.hamcrest.Matchers.equalTo(0));
    }

    private UUID create(String sealedEmail) {
        UUID person = UUID.randomUUID();
        CloudEvent created = CloudEvent.of(
                "contact-service",
                EventType.PERSON_CREATED,
                person.toString(),
                new PersonCreated(person, sealedEmail, "customer"));
        KafkaProbe.send(prefix + Topics.CONTACT_EVENTS, person.toString(), EventCodec.toJson(created));
        return person;
    }

    private NotificationRequested informationMail(UUID person) {
        ConsumerRecord<String, String> found = KafkaProbe.awaitRecord(
                prefix + Topics.NOTIFICATION_REQUESTS,
                r -> person.toString().equals(r.key()) && r.value().contains(TEMPLATE),
                WAIT);
        NotificationRequested mail = EventCodec.parse(found.value()).dataAs(NotificationRequested.class);
        assertEquals(TEMPLATE, mail.template());
        assertEquals(person, mail.personId());
        return mail;
    }
}
