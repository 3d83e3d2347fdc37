package org.gdprsuite.subscription;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.PersonAnonymized;
import org.gdprsuite.events.payload.PersonCreated;
import org.gdprsuite.events.payload.PersonRestrictionChanged;
import org.gdprsuite.events.payload.PersonUpdated;
import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;
import org.gdprsuite.runtime.crypto.SubjectCipher;
import org.gdprsuite.subscription.messaging.ReadModelConsumers;
import org.gdprsuite.testsupport.ConsentStatePoll;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The read models, fed a poll of events at a time, end as one event at a time would leave them. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class ReadModelConsumersTest {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    ReadModelConsumers readModels;

    @Inject
    DataSource dataSource;

    @Inject
    SubjectCipher cipher;

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Test
    void aPollOfConsentStatesAppliedAtOnceLeavesWhatOneByOneLeaves() {
        String name = "consent-events-test-" + UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID oneByOneA = UUID.randomUUID();
        UUID oneByOneB = UUID.randomUUID();

        consumer.applyAllOnce(ConsentStatePoll.events(a, b), name, readModels::applyConsent);
        for (CloudEvent event : ConsentStatePoll.events(oneByOneA, oneByOneB)) {
            consumer.applyAllOnce(List.of(event), name, readModels::applyConsent);
        }

        assertEquals(ConsentStatePoll.expected(a, b), consents(a, b));
        assertEquals(ConsentStatePoll.expected(oneByOneA, oneByOneB), consents(oneByOneA, oneByOneB));
    }

    @Test
    void aPollOfConsentStatesFromTheTopicIsApplied() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        KafkaProbe.send(
                prefix + Topics.CONSENT_EVENTS,
                ConsentStatePoll.events(a, b).stream()
                        .map(event -> Map.entry(event.subject(), EventCodec.toJson(event)))
                        .toList());

        World.await(() -> ConsentStatePoll.expected(a, b).equals(consents(a, b)), "the poll applied");
    }

    @Test
    void aPollOfContactEventsIsAppliedInOrder() {
        UUID erased = UUID.randomUUID();
        UUID restricted = UUID.randomUUID();
        String sealed = World.sealed(erased, "erased." + UUID.randomUUID() + "@example.org");
        List<CloudEvent> poll = List.of(
                contactEvent(EventType.PERSON_CREATED, erased, new PersonCreated(erased, sealed, "CUSTOMER")),
                contactEvent(
                        EventType.PERSON_CREATED,
                        restricted,
                        new PersonCreated(
                                restricted,
                                World.sealed(restricted, "kept." + UUID.randomUUID() + "@example.org"),
                                "CUSTOMER")),
                contactEvent(
                        EventType.PERSON_RESTRICTION_CHANGED,
                        restricted,
                        new PersonRestrictionChanged(restricted, true)),
                contactEvent(EventType.PERSON_ANONYMIZED, erased, new PersonAnonymized(erased)),
                contactEvent(
                        EventType.PERSON_RESTRICTION_CHANGED,
                        restricted,
                        new PersonRestrictionChanged(restricted, false)));

        consumer.applyAllOnce(poll, "contact-events-test-" + UUID.randomUUID(), readModels::applyContacts);

        Map<String, Object> gone = contact(erased);
        assertEquals(true, gone.get("anonymized"));
        assertNull(gone.get("email"));
        Map<String, Object> kept = contact(restricted);
        assertEquals(false, kept.get("restricted"), "the later restriction change wins");
        assertNotNull(kept.get("email"));
    }

    @Test
    void aRunOfAnonymizedPersonsIsAppliedTogetherAndInOrder() {
        UUID known = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        UUID createdAfter = UUID.randomUUID();
        String name = "contact-events-test-" + UUID.randomUUID();
        consumer.applyAllOnce(
                List.of(contactEvent(
                        EventType.PERSON_CREATED,
                        known,
                        new PersonCreated(
                                known,
                                World.sealed(known, "known." + UUID.randomUUID() + "@example.org"),
                                "CUSTOMER"))),
                name,
                readModels::applyContacts);
        update("INSERT INTO pending_mail (person_id, request, created_at) VALUES (?, '{}', now())", known);
        update("INSERT INTO pending_mail (person_id, request, created_at) VALUES (?, '{}', now())", createdAfter);

        // The same person twice in one run, a person this service never saw, then a new person after the run.
        consumer.applyAllOnce(
                List.of(
                        contactEvent(EventType.PERSON_ANONYMIZED, known, new PersonAnonymized(known)),
                        contactEvent(EventType.PERSON_ANONYMIZED, unknown, new PersonAnonymized(unknown)),
                        contactEvent(EventType.PERSON_ANONYMIZED, known, new PersonAnonymized(known)),
                        contactEvent(
                                EventType.PERSON_CREATED,
                                createdAfter,
                                new PersonCreated(
                                        createdAfter,
                                        World.sealed(createdAfter, "after." + UUID.randomUUID() + "@example.org"),
                                        "CUSTOMER"))),
                name,
                readModels::applyContacts);

        assertEquals(true, contact(known).get("anonymized"));
        assertNull(contact(known).get("email"));
        assertEquals(true, contact(unknown).get("anonymized"), "a person never seen before is kept as anonymized");
        assertEquals(false, contact(createdAfter).get("anonymized"));
        assertNotNull(contact(createdAfter).get("email"));
        assertEquals(0, pendingMail(known), "no mail waits for an erased person");
        assertEquals(0, pendingMail(createdAfter), "the mail that waited for the new address is released");
    }

    @Test
    void theFactsSelectionsFilterOnArriveSealedAreKeptOpenedAndGoWithTheAnonymization() {
        UUID person = UUID.randomUUID();
        UUID organisation = UUID.randomUUID();
        String name = "contact-events-test-" + UUID.randomUUID();
        consumer.applyAllOnce(
                List.of(contactEvent(
                        EventType.PERSON_CREATED,
                        person,
                        new PersonCreated(
                                person,
                                World.sealed(person, "facts." + UUID.randomUUID() + "@example.org"),
                                "CUSTOMER",
                                seal(person, SealedFields.COUNTRY, "DE"),
                                seal(person, SealedFields.ORGANISATION, organisation.toString()),
                                seal(person, SealedFields.SOURCE, "fair-2026"),
                                null))),
                name,
                readModels::applyContacts);
        assertEquals(Arrays.asList("DE", organisation, "fair-2026", null), facts(person));

        consumer.applyAllOnce(
                List.of(contactEvent(
                        EventType.PERSON_UPDATED,
                        person,
                        new PersonUpdated(
                                person,
                                World.sealed(person, "facts." + UUID.randomUUID() + "@example.org"),
                                "CUSTOMER",
                                seal(person, SealedFields.COUNTRY, "AT"),
                                null,
                                seal(person, SealedFields.SOURCE, "fair-2026"),
                                seal(person, SealedFields.LAST_ACTIVITY, "2026-11-30T10:00:00Z")))),
                name,
                readModels::applyContacts);
        Instant activity = Instant.parse("2026-11-30T10:00:00Z");
        assertEquals(Arrays.asList("AT", null, "fair-2026", activity), facts(person), "the organisation left");
        consumer.applyAllOnce(
                List.of(contactEvent(
                        EventType.PERSON_UPDATED,
                        person,
                        new PersonUpdated(
                                person,
                                null,
                                "CUSTOMER",
                                seal(person, SealedFields.COUNTRY, "AT"),
                                null,
                                null,
                                seal(person, SealedFields.LAST_ACTIVITY, "2026-11-01T10:00:00Z")))),
                name,
                readModels::applyContacts);
        assertEquals(activity, facts(person).get(3), "an older activity, published late, moves nothing back");

        consumer.applyAllOnce(
                List.of(contactEvent(EventType.PERSON_ANONYMIZED, person, new PersonAnonymized(person))),
                name,
                readModels::applyContacts);
        assertEquals(Arrays.asList(null, null, null, null), facts(person));
    }

    @Test
    void aCountrySealedAsAnotherFieldIsRefusedAndChangesNothing() {
        UUID person = UUID.randomUUID();
        PersonCreated forged =
                new PersonCreated(person, null, "CUSTOMER", seal(person, SealedFields.SOURCE, "DE"), null, null, null);
        assertThrows(
                RuntimeException.class,
                () -> consumer.applyAllOnce(
                        List.of(contactEvent(EventType.PERSON_CREATED, person, forged)),
                        "contact-events-test-" + UUID.randomUUID(),
                        readModels::applyContacts));
        assertEquals(
                List.of(),
                facts(person).stream().filter(java.util.Objects::nonNull).toList());
    }

    private String seal(UUID person, String field, String value) {
        return cipher.seal(person.toString(), field, value);
    }

    private List<Object> facts(UUID person) {
        List<Object> facts = new java.util.ArrayList<>();
        query(
                "SELECT country, organisation_id, source, last_activity_at FROM contact_read_model WHERE person_id = ?",
                List.of(person),
                rs -> facts.addAll(Arrays.asList(
                        rs.getString(1),
                        rs.getObject(2),
                        rs.getString(3),
                        instant(rs.getObject(4, OffsetDateTime.class)))));
        return facts;
    }

    private long pendingMail(UUID person) {
        long[] count = new long[1];
        query("SELECT count(*) FROM pending_mail WHERE person_id = ?", List.of(person), rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    private void update(String sql, UUID person) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, person);
            statement.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CloudEvent contactEvent(EventType type, UUID person, Object payload) {
        return CloudEvent.of("contact-service", type, person.toString(), payload);
    }

    private Map<String, List<Object>> consents(UUID a, UUID b) {
        Map<String, List<Object>> rows = new HashMap<>();
        query(
                "SELECT person_id, purpose, allowed, since, until FROM consent_read_model WHERE person_id IN (?, ?)",
                List.of(a, b),
                rs -> rows.put(
                        rs.getObject(1) + " " + rs.getString(2),
                        ConsentStatePoll.row(
                                rs.getBoolean(3),
                                instant(rs.getObject(4, OffsetDateTime.class)),
                                instant(rs.getObject(5, OffsetDateTime.class)))));
        return rows;
    }

    private Map<String, Object> contact(UUID person) {
        Map<String, Object> row = new HashMap<>();
        query(
                "SELECT email, restricted, anonymized FROM contact_read_model WHERE person_id = ?",
                List.of(person),
                rs -> {
                    row.put("email", rs.getString(1));
                    row.put("restricted", rs.getBoolean(2));
                    row.put("anonymized", rs.getBoolean(3));
                });
        return row;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private interface Row {
        void read(ResultSet rs) throws java.sql.SQLException;
    }

    private void query(String sql, List<Object> parameters, Row row) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
