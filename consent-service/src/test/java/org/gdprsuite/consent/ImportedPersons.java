package org.gdprsuite.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentRecorded;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.events.payload.PersonCreated;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;

import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gdprsuite.consent.ConsentFixtures.staff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A person as contact-service's CSV import brings them: {@code contact.person.created} on contact.events and, for the
 * import's purpose and basis, a {@code consent.recorded} (source IMPORT) on consent.inbound, stamped just after; the
 * two topics may be read in either order. And what the person is told in their information mails.
 */
final class ImportedPersons {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String TEMPLATE = "information.notice";
    static final String SEALED_EMAIL = "v1.c2VhbGVkIGZvciBhZGEncyBrZXk=";

    private ImportedPersons() {}

    static CloudEvent created(UUID person) {
        return created(person, SEALED_EMAIL);
    }

    static CloudEvent created(UUID person, String sealedEmail) {
        return CloudEvent.of(
                "contact-service",
                EventType.PERSON_CREATED,
                person.toString(),
                new PersonCreated(person, sealedEmail, "customer"));
    }

    static CloudEvent imported(UUID person, String purpose, String legalBasis) {
        return CloudEvent.of(
                "contact-service",
                EventType.CONSENT_RECORDED,
                person.toString(),
                new ConsentRecorded(
                        person, purpose, "GRANTED", legalBasis, Instant.now(), "IMPORT", "csv-import", null, null));
    }

    static void send(String prefix, CloudEvent event) {
        String topic =
                EventType.PERSON_CREATED.type().equals(event.type()) ? Topics.CONTACT_EVENTS : Topics.CONSENT_INBOUND;
        KafkaProbe.send(prefix + topic, event.subject(), EventCodec.toJson(event));
    }

    /** The person's consents and information mails, as support reads them. */
    static JsonPath record(UUID person) {
        return given().auth()
                .oauth2(staff(DemoUser.SUPPORT))
                .when()
                .get("/api/consents/persons/" + person)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Waits until {@code purpose} of the person is in force on {@code legalBasis}. */
    static void awaitBasis(UUID person, String purpose, String legalBasis) {
        await().atMost(WAIT)
                .until(() -> legalBasis.equals(
                        record(person).getString("purposes.find { it.purpose == '" + purpose + "' }.legalBasis")));
    }

    /** Waits until the import's record waits for its person (read before the person was announced). */
    static void awaitParked(DataSource dataSource, UUID person) {
        await().atMost(WAIT).until(() -> {
            try (var connection = dataSource.getConnection();
                    var select =
                            connection.prepareStatement("SELECT count(*) FROM parked_consent WHERE person_id = ?")) {
                select.setObject(1, person);
                try (var rows = select.executeQuery()) {
                    return rows.next() && rows.getLong(1) > 0;
                }
            }
        });
    }

    /** The person's information mails on notification.requests, read until one names {@code told}. */
    static List<NotificationRequested> mailsUntil(String prefix, UUID person, String told) {
        return mails(
                KafkaProbe.awaitRecords(
                        prefix + Topics.NOTIFICATION_REQUESTS,
                        read -> mails(read, person).stream()
                                .anyMatch(m -> m.parameters().get("purposes").contains(told)),
                        WAIT),
                person);
    }

    /**
     * Ends with a mail telling {@code purpose} on legitimate interests (Art. 6(1)(f)), none on contract (its default,
     * Art. 6(1)(b)), and the person's record says it was told once, on that basis.
     */
    static void assertToldOnLegitimateInterests(String prefix, UUID person, String purpose) {
        String name = "Purpose " + purpose;
        List<NotificationRequested> mails = mailsUntil(prefix, person, name + " (Art. 6(1)(f) GDPR)");
        for (NotificationRequested mail : mails) {
            String purposes = mail.parameters().get("purposes");
            assertFalse(purposes.contains(name + " (Art. 6(1)(b) GDPR)"), purposes);
        }
        assertEquals(List.of("LEGITIMATE_INTERESTS"), toldBases(person, purpose));
    }

    /** The bases the person's sent mails told {@code purpose} on, oldest first. */
    static List<String> toldBases(UUID person, String purpose) {
        return record(person)
                .getList(
                        "informed.findAll { it.outcome == 'SENT' && it.purposes.contains('" + purpose + "') }"
                                + ".collect { it.bases['" + purpose + "'] }",
                        String.class);
    }

    private static List<NotificationRequested> mails(List<ConsumerRecord<String, String>> read, UUID person) {
        return read.stream()
                .filter(r -> person.toString().equals(r.key()) && r.value().contains(TEMPLATE))
                .map(r -> EventCodec.parse(r.value()).dataAs(NotificationRequested.class))
                .toList();
    }
}
