package org.gdprsuite.runtime.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.IncidentChanged;
import org.gdprsuite.runtime.internal.outbox.OutboxRelay;
import org.gdprsuite.runtime.toy.ToyStore;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transactional outbox against the real PostgreSQL and Kafka. Events of incident.events: nobody consumes them here. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class OutboxTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    ToyStore store;

    @Inject
    DataSource dataSource;

    @Inject
    Tracer tracer;

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Test
    void aRolledBackChangePublishesNothing() {
        UUID id = UUID.randomUUID();
        assertThrows(
                IllegalStateException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    store.addNote(id, "draft");
                    outbox.publish(EventType.INCIDENT_CHANGED, id.toString(), change(id, "rolled-back"));
                    throw new IllegalStateException("a business rule refuses the change");
                }));
        CloudEvent marker = commitChange(id, "committed-after");

        List<ConsumerRecord<String, String>> read = KafkaProbe.readUntil(topic(), has(marker.id()), WAIT);

        assertTrue(has(marker.id()).test(read), "the committed event is published");
        assertTrue(
                statuses(read, id).equals(List.of("committed-after")),
                "only the committed event: " + statuses(read, id));
        assertEquals(List.of("committed-after"), store.notes(id), "the rolled-back change left nothing");
    }

    @Test
    void anEventCommittedWhileTheServiceIsDownIsPublishedAfterRestart() {
        UUID id = UUID.randomUUID();
        CloudEvent event;
        relay.stop(); // as if the process died right after its database commit
        try {
            event = commitChange(id, "written-before-crash");
            assertEquals(1, store.count("SELECT count(*) FROM outbox_event WHERE event_id = ?", event.id()));
            // nothing is sent while the relay is down
            KafkaProbe.assertNoneWithin(topic(), carries(event.id()), Duration.ofSeconds(2));
        } finally {
            relay.start(); // the restart
        }
        List<ConsumerRecord<String, String>> read = KafkaProbe.readUntil(topic(), has(event.id()), WAIT);

        assertTrue(has(event.id()).test(read), "published after the restart");
        ConsumerRecord<String, String> record = read.stream()
                .filter(r -> r.value().contains(event.id()))
                .findFirst()
                .orElseThrow();
        assertEquals(id.toString(), record.key(), "record key = the subject");
        assertEquals(CloudEvent.STRUCTURED_CONTENT_TYPE, KafkaProbe.header(record, "content-type"));
        awaitSent(event.id());
    }

    @Test
    void orderPerKeyHoldsUnderConcurrentWrites() throws Exception {
        int writers = 4;
        int keysPerWriter = 2;
        int eventsPerKey = 40;
        List<UUID> keys = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<UUID> own = List.of(UUID.randomUUID(), UUID.randomUUID());
            keys.addAll(own);
            done.add(pool.submit(() -> {
                for (int seq = 0; seq < eventsPerKey; seq++) {
                    for (UUID key : own) {
                        commitChange(key, "seq-" + seq);
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        int expected = writers * keysPerWriter * eventsPerKey;

        List<ConsumerRecord<String, String>> read = KafkaProbe.readUntil(
                topic(),
                r -> r.stream()
                                .filter(rec -> keys.contains(UUID.fromString(rec.key())))
                                .count()
                        >= expected,
                WAIT);

        Map<UUID, List<Integer>> perKey = new HashMap<>();
        for (ConsumerRecord<String, String> r : read) {
            UUID key = UUID.fromString(r.key());
            if (keys.contains(key)) {
                String status = EventCodec.parse(r.value())
                        .dataAs(IncidentChanged.class)
                        .status();
                perKey.computeIfAbsent(key, k -> new ArrayList<>()).add(Integer.parseInt(status.substring(4)));
            }
        }
        assertEquals(keys.size(), perKey.size());
        for (List<Integer> seqs : perKey.values()) {
            List<Integer> firstSeen = seqs.stream().distinct().toList();
            assertEquals(
                    java.util.stream.IntStream.range(0, eventsPerKey).boxed().toList(), firstSeen);
        }
    }

    @Test
    void whileAnotherReplicaRelaysThisOneWaits() throws Exception {
        UUID id = UUID.randomUUID();
        CloudEvent event;
        try (Connection otherReplica = dataSource.getConnection()) {
            try (PreparedStatement lock = otherReplica.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, OutboxRelay.RELAY_LOCK);
                lock.execute();
            }
            event = commitChange(id, "while-locked");
            // the relay of this replica does not publish while another one holds the turn
            KafkaProbe.assertNoneWithin(topic(), carries(event.id()), Duration.ofSeconds(2));
            try (PreparedStatement unlock = otherReplica.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, OutboxRelay.RELAY_LOCK);
                unlock.execute();
            }
        }
        assertTrue(has(event.id()).test(KafkaProbe.readUntil(topic(), has(event.id()), WAIT)));
    }

    @Test
    void theTraceContextOfTheWriterTravelsWithTheEvent() {
        UUID id = UUID.randomUUID();
        Span span = tracer.spanBuilder("write a change").startSpan();
        CloudEvent event;
        try (Scope ignored = span.makeCurrent()) {
            event = commitChange(id, "traced");
        } finally {
            span.end();
        }
        ConsumerRecord<String, String> record = KafkaProbe.readUntil(topic(), has(event.id()), WAIT).stream()
                .filter(r -> r.value().contains(event.id()))
                .findFirst()
                .orElseThrow();
        String traceparent = KafkaProbe.header(record, "traceparent");
        assertTrue(
                traceparent != null
                        && traceparent.contains(span.getSpanContext().getTraceId()),
                traceparent);
    }

    @Test
    void anEventLargerThanKafkasDefaultLimitIsPublishedAndDoesNotHoldUpTheNextOne() {
        UUID id = UUID.randomUUID();
        // ~3 MB of random text: more than Kafka's 1 MB default even after compression.
        StringBuilder large = new StringBuilder();
        while (large.length() < 3_000_000) {
            large.append(UUID.randomUUID());
        }
        CloudEvent big = QuarkusTransaction.requiringNew()
                .call(() -> outbox.publish(EventType.INCIDENT_CHANGED, id.toString(), change(id, large.toString())));
        CloudEvent next = commitChange(id, "after-the-big-one");

        List<ConsumerRecord<String, String>> read = KafkaProbe.readUntil(topic(), has(next.id()), WAIT);
        assertTrue(has(big.id()).test(read), "the large event is published");
        assertTrue(has(next.id()).test(read), "the next event of the same key follows it");
    }

    @Test
    void aPublishedEventLeavesTheOutbox() {
        CloudEvent event = commitChange(UUID.randomUUID(), "to-publish");

        assertTrue(has(event.id()).test(KafkaProbe.readUntil(topic(), has(event.id()), WAIT)), "published");
        awaitSent(event.id());
    }

    private CloudEvent commitChange(UUID id, String status) {
        return QuarkusTransaction.requiringNew().call(() -> {
            store.addNote(id, status);
            return outbox.publish(EventType.INCIDENT_CHANGED, id.toString(), change(id, status));
        });
    }

    private static IncidentChanged change(UUID id, String status) {
        return new IncidentChanged(id, status, null, null);
    }

    private void awaitSent(String eventId) {
        Awaitility.await("event deleted from the outbox once sent")
                .atMost(WAIT)
                .until(() -> store.count("SELECT count(*) FROM outbox_event WHERE event_id = ?", eventId) == 0);
    }

    private String topic() {
        return prefix + Topics.INCIDENT_EVENTS;
    }

    private static java.util.function.Predicate<List<ConsumerRecord<String, String>>> has(String eventId) {
        return records -> records.stream().anyMatch(carries(eventId));
    }

    private static java.util.function.Predicate<ConsumerRecord<String, String>> carries(String eventId) {
        return r -> r.value().contains("\"id\":\"" + eventId + "\"");
    }

    private static List<String> statuses(List<ConsumerRecord<String, String>> read, UUID id) {
        return read.stream()
                .filter(r -> id.toString().equals(r.key()))
                .map(r -> EventCodec.parse(r.value())
                        .dataAs(IncidentChanged.class)
                        .status())
                .toList();
    }
}
