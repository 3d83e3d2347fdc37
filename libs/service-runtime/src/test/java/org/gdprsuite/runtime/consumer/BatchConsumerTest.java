package org.gdprsuite.runtime.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.PersonUpdated;
import org.gdprsuite.runtime.toy.ToyStore;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batch variant: a poll's events in one transaction, with the guarantees of one event at a time. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class BatchConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    IdempotentConsumer consumer;

    @Inject
    ToyStore store;

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Test
    void theNewEventsOfABatchAreAppliedTogetherOnceEachInOrder() {
        String consumerName = "toy-direct-" + UUID.randomUUID();
        CloudEvent a = event("a");
        CloudEvent b = event("b");
        CloudEvent c = event("c");
        List<List<String>> calls = new ArrayList<>();
        BatchHandler handler = events -> {
            calls.add(events.stream().map(CloudEvent::id).toList());
            events.forEach(e -> store.effect("direct", e.id()));
        };

        assertEquals(2, consumer.applyAllOnce(List.of(a, b, a), consumerName, handler), "a twice in one batch");
        assertEquals(1, consumer.applyAllOnce(List.of(b, c), consumerName, handler), "b again in a later batch");
        assertEquals(0, consumer.applyAllOnce(List.of(c, a), consumerName, handler));

        assertEquals(List.of(List.of(a.id(), b.id()), List.of(c.id())), calls);
        assertEquals(
                List.of(a.id(), b.id(), c.id()),
                store.effects("direct").stream()
                        .filter(List.of(a.id(), b.id(), c.id())::contains)
                        .toList());
    }

    @Test
    void aFailedBatchLeavesNothingSoItsEventsCanBeAppliedLater() {
        String consumerName = "toy-direct-" + UUID.randomUUID();
        CloudEvent a = event("a");
        CloudEvent b = event("b");

        assertThrows(
                RuntimeException.class,
                () -> consumer.applyAllOnce(List.of(a, b), consumerName, events -> {
                    store.effect("direct", a.id());
                    throw new IllegalStateException("toy failure");
                }));
        assertTrue(!store.effects("direct").contains(a.id()), "the effect was rolled back");

        assertEquals(
                2, consumer.applyAllOnce(List.of(a, b), consumerName, events -> {}), "the ids were not kept either");
    }

    @Test
    void badEventsAmidGoodOnesAreDeadLetteredAloneAndTheGoodOnesAppliedOnceInOrder() {
        String key = UUID.randomUUID().toString();
        String first = json(key, "customer", "first");
        String malformed = "{\"specversion\":\"1.0\",\"id\":\"" + key + "\", broken";
        String second = json(key, "customer", "second");
        String broken = json(key, "broken", "broken");
        String third = json(key, "customer", "third");
        String fourth = json(key, "customer", "fourth");

        KafkaProbe.send(
                topic(),
                List.of(
                        Map.entry(key, first),
                        Map.entry(key, first),
                        Map.entry(key, malformed),
                        Map.entry(key, second),
                        Map.entry(key, broken),
                        Map.entry(key, third)));
        KafkaProbe.send(topic(), List.of(Map.entry(key, second), Map.entry(key, fourth)));

        awaitEffect(ref(fourth));
        List<String> mine = List.of(ref(first), ref(second), ref(third), ref(fourth), ref(broken));
        assertEquals(
                List.of(ref(first), ref(second), ref(third), ref(fourth)),
                store.effects("batch").stream().filter(mine::contains).toList());

        List<ConsumerRecord<String, String>> dlq = KafkaProbe.readUntil(
                prefix + Topics.deadLetter(Topics.CONSENT_INBOUND),
                r -> r.stream().filter(rec -> key.equals(rec.key())).count() >= 2,
                WAIT);
        List<ConsumerRecord<String, String>> dead =
                dlq.stream().filter(r -> key.equals(r.key())).toList();
        assertEquals(
                List.of(malformed, broken),
                dead.stream().map(ConsumerRecord::value).toList());
        assertTrue(KafkaProbe.header(dead.get(0), "dead-letter-reason").contains("not JSON"));
        assertTrue(KafkaProbe.header(dead.get(1), "dead-letter-reason").contains("failed after 4 attempts"));
    }

    private static CloudEvent event(String label) {
        UUID person = UUID.randomUUID();
        return CloudEvent.of(
                "test",
                EventType.PERSON_UPDATED,
                person.toString(),
                new PersonUpdated(person, label + "-" + UUID.randomUUID() + "@example.test", "customer"));
    }

    private static String json(String key, String category, String label) {
        return EventCodec.toJson(CloudEvent.of(
                "test",
                EventType.PERSON_UPDATED,
                key,
                new PersonUpdated(UUID.fromString(key), label + "-" + UUID.randomUUID() + "@example.test", category)));
    }

    private static String ref(String eventJson) {
        return EventCodec.parse(eventJson).dataAs(PersonUpdated.class).email();
    }

    private void awaitEffect(String ref) {
        Awaitility.await("effect " + ref + " applied")
                .atMost(WAIT)
                .until(() -> store.effects("batch").contains(ref));
    }

    private String topic() {
        return prefix + Topics.CONSENT_INBOUND;
    }
}
