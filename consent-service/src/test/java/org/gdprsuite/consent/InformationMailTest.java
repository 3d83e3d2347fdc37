package org.gdprsuite.consent;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.events.payload.NotificationRequested;
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
 * consent (and one the settings switch off) are not in it; the mail is in the person's record and DSR export. It tells
 * the basis in force when it is sent (issue 22): an import's rather than the default, and a basis arriving after the
 * mail in one more mail, never twice.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class InformationMailTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TEMPLATE = "information.notice";
    private static final String CONTRACT_PURPOSE = "info-contract";

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @ConfigProperty(name = "gdpr.public-base-url")
    String publicBaseUrl;

    @Inject
    DsrCommandHandler dsr;

    @Inject
    DataSource dataSource;

    @Test
    void aPersonCreatedUnderLegitimateInterestIsToldAndTheFactIsInTheirRecord() {
        purpose("info-li", false, "LEGITIMATE_INTERESTS", null);
        purpose("info-consent", true, null, null);
        purpose("info-quiet", false, "CONTRACT", null); // switched off in the test profile
        UUID person = create(ImportedPersons.SEALED_EMAIL);

        NotificationRequested mail = informationMail(person);
        assertNull(mail.email(), "the person is named; subscription-service opens their sealed address");
        String purposes = mail.parameters().get("purposes");
        assertTrue(purposes.contains("Purpose info-li (Art. 6(1)(f) GDPR)"), purposes);
        assertFalse(purposes.contains("info-consent"), "a purpose under consent is not told of: " + purposes);
        assertFalse(purposes.contains("info-quiet"), "a purpose switched off is not told of: " + purposes);
        assertEquals(
                publicBaseUrl + "/public/requests/centre", mail.parameters().get("privacyCentreLink"));
        assertTrue(mail.parameters().get("noticeLink").startsWith(publicBaseUrl + "/public/consents/notices"));

        JsonPath record = ImportedPersons.record(person);
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
                .until(() -> ImportedPersons.record(person)
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

    /**
     * Issue 22: the import's {@code consent.recorded} (legitimate interests, for a purpose whose default is contract)
     * is read before its person; the mail due at once goes after it is recorded and tells Art. 6(1)(f).
     */
    @Test
    void anImportReadBeforeItsPersonIsToldByTheImportedBasis() {
        purpose(CONTRACT_PURPOSE, false, "CONTRACT", null);
        UUID person = UUID.randomUUID();
        CloudEvent created = ImportedPersons.created(person);
        ImportedPersons.send(prefix, ImportedPersons.imported(person, CONTRACT_PURPOSE, "LEGITIMATE_INTERESTS"));
        ImportedPersons.awaitParked(dataSource, person);
        ImportedPersons.send(prefix, created);

        ImportedPersons.assertToldOnLegitimateInterests(prefix, person, CONTRACT_PURPOSE);
    }

    /**
     * A basis arriving after the person's mail went out (at once, on the default) is told in one more mail, for that
     * purpose alone; the import read again, or recorded again on the same basis, is never told twice.
     */
    @Test
    void aBasisArrivingAfterTheMailIsToldInOneMoreMailAndOnlyOnce() {
        purpose(CONTRACT_PURPOSE, false, "CONTRACT", null);
        purpose("info-consent", true, null, null);
        UUID person = create(ImportedPersons.SEALED_EMAIL);
        ImportedPersons.mailsUntil(prefix, person, "Purpose " + CONTRACT_PURPOSE + " (Art. 6(1)(b) GDPR)");

        CloudEvent imported = ImportedPersons.imported(person, CONTRACT_PURPOSE, "LEGITIMATE_INTERESTS");
        ImportedPersons.send(prefix, imported);
        ImportedPersons.send(prefix, imported);
        ImportedPersons.send(prefix, ImportedPersons.imported(person, CONTRACT_PURPOSE, "LEGITIMATE_INTERESTS"));
        // Read after those on the person's partition: once it is told, they were all applied.
        ImportedPersons.send(prefix, ImportedPersons.imported(person, "info-consent", "LEGITIMATE_INTERESTS"));

        List<NotificationRequested> mails =
                ImportedPersons.mailsUntil(prefix, person, "Purpose info-consent (Art. 6(1)(f) GDPR)");
        await().atMost(WAIT)
                .until(() -> ImportedPersons.toldBases(person, "info-consent").equals(List.of("LEGITIMATE_INTERESTS")));
        assertEquals(List.of("CONTRACT", "LEGITIMATE_INTERESTS"), ImportedPersons.toldBases(person, CONTRACT_PURPOSE));
        assertEquals(3, ImportedPersons.record(person).getList("informed").size());
        assertEquals(
                1,
                mails.stream()
                        .filter(m -> m.parameters()
                                .get("purposes")
                                .contains("Purpose " + CONTRACT_PURPOSE + " (Art. 6(1)(f)"))
                        .count());
        assertEquals(
                "Purpose " + CONTRACT_PURPOSE + " (Art. 6(1)(f) GDPR)",
                mails.get(1).parameters().get("purposes"),
                "the second mail tells the new basis alone");
    }

    private UUID create(String sealedEmail) {
        UUID person = UUID.randomUUID();
        ImportedPersons.send(prefix, ImportedPersons.created(person, sealedEmail));
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
