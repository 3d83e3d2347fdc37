package org.gdprsuite.contact;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.contact.messaging.ConsentEventsConsumer;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentStateChanged;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;
import org.gdprsuite.testsupport.ConsentStatePoll;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import static org.gdprsuite.testsupport.ConsentStatePoll.T2;
import static org.gdprsuite.testsupport.ConsentStatePoll.T3;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The legal-basis read model, fed a poll of consent.events at a time, ends as one event at a time would leave it. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class ConsentEventsConsumerTest {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    ConsentEventsConsumer consentEvents;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Test
    void aPollAppliedAtOnceLeavesWhatOneByOneLeavesAndNewerRowsStay() throws Exception {
        String name = "consent-events-test-" + UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID oneByOneA = UUID.randomUUID();
        UUID oneByOneB = UUID.randomUUID();

        consumer.applyAllOnce(ConsentStatePoll.events(a, b), name, consentEvents::apply);
        for (CloudEvent event : ConsentStatePoll.events(oneByOneA, oneByOneB)) {
            consumer.applyAllOnce(List.of(event), name, consentEvents::apply);
        }

        assertEquals(expected(a, b), rows(a, b));
        assertEquals(expected(oneByOneA, oneByOneB), rows(oneByOneA, oneByOneB));

        // A later poll: an older state than the row's is history, one of the same time replaces it.
        consumer.applyAllOnce(
                List.of(state(b, "news", true, T2), state(a, "news", false, T2)), name, consentEvents::apply);
        Map<String, List<Object>> later = expected(a, b);
        later.put(a + " news", List.of(false, T2));
        assertEquals(later, rows(a, b));
    }

    @Test
    void aPollFromTheTopicIsAppliedAndAppliedAgainChangesNothingWithoutRecordingIds() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<CloudEvent> events = ConsentStatePoll.events(a, b);
        List<Map.Entry<String, String>> records = events.stream()
                .map(event -> Map.entry(event.subject(), EventCodec.toJson(event)))
                .toList();

        KafkaProbe.send(prefix + Topics.CONSENT_EVENTS, records);
        awaitRows(a, b, expected(a, b));

        // Delivered again (a producer's retry, a replay), then a newer state of b as a marker that it was consumed.
        KafkaProbe.send(prefix + Topics.CONSENT_EVENTS, records);
        CloudEvent marker = state(b, "ads", true, T3);
        KafkaProbe.send(prefix + Topics.CONSENT_EVENTS, List.of(Map.entry(b.toString(), EventCodec.toJson(marker))));
        Map<String, List<Object>> after = expected(a, b);
        after.put(b + " ads", List.of(true, T3));
        awaitRows(a, b, after);

        List<String> ids =
                new java.util.ArrayList<>(events.stream().map(CloudEvent::id).toList());
        ids.add(marker.id());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT count(*) FROM processed_event WHERE event_id = ANY(?)")) {
            select.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getLong(1), "an upsert of the newer state needs no record of event ids");
            }
        }
    }

    private void awaitRows(UUID a, UUID b, Map<String, List<Object>> expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!expected.equals(rows(a, b)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertEquals(expected, rows(a, b));
    }

    /** This read model has no {@code until}: allowed and since. */
    private static Map<String, List<Object>> expected(UUID a, UUID b) {
        return ConsentStatePoll.expected(a, b).entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, e -> e.getValue().subList(0, 2), (x, y) -> x, HashMap::new));
    }

    private Map<String, List<Object>> rows(UUID a, UUID b) throws Exception {
        Map<String, List<Object>> rows = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT person_id, purpose, allowed, since FROM person_legal_basis WHERE person_id IN (?, ?)")) {
            select.setObject(1, a);
            select.setObject(2, b);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.put(
                            rs.getObject(1) + " " + rs.getString(2),
                            List.of(
                                    rs.getBoolean(3),
                                    rs.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return rows;
    }

    private static CloudEvent state(UUID person, String purpose, boolean allowed, Instant since) {
        return CloudEvent.of(
                "consent-service",
                EventType.CONSENT_STATE_CHANGED,
                person.toString(),
                new ConsentStateChanged(
                        person, purpose, allowed, "CONSENT", allowed ? "GRANTED" : "WITHDRAWN", since, null));
    }
}
