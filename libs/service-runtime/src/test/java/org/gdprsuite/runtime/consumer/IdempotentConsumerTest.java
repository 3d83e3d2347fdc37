package org.gdprsuite.runtime.consumer;

import java.time.Duration;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The toy consumer of contact.events (ToyConsumer) records one effect per applied event. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class IdempotentConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ToyStore store;

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Test
    void theSameEventDeliveredTwiceHasOneEffect() {
        String key = UUID.randomUUID().toString();
        String twice = event(key, "customer", "dup");
        String after = event(key, "customer", "after-dup");

        KafkaProbe.send(topic(), List.of(Map.entry(key, twice), Map.entry(key, twice), Map.entry(key, after)));

        awaitEffect(ref(after));
        assertEquals(
                1, store.effects("update").stream().filter(ref(twice)::equals).count());
    }

    @Test
    void aMalformedEventIsDeadLetteredAndTheNextOneOnThePartitionIsProcessed() {
        String key = UUID.randomUUID().toString();
        String malformed = "{\"specversion\":\"1.0\",\"id\":\"" + key + "\", broken";
        String next = event(key, "customer", "after-malformed");

        KafkaProbe.send(topic(), List.of(Map.entry(key, malformed), Map.entry(key, next)));

        awaitEffect(ref(next));
        ConsumerRecord<String, String> dead = deadLetter(malformed);
        assertTrue(
                KafkaProbe.header(dead, "dead-letter-reason").contains("not JSON"),
                KafkaProbe.header(dead, "dead-letter-reason"));
        assertEquals(key, dead.key());
    }

    @Test
    void aMalformedEventOfMegabytesIsDeadLetteredAndTheConsumerCarriesOn() {
        // Larger than a Kafka producer's 1 MB default: its dead-letter producer must still take it.
        String key = UUID.randomUUID().toString();
        String malformed = "{\"specversion\":\"1.0\",\"id\":\"" + key + "\",\"data\":\"" + "x".repeat(3_000_000);
        String next = event(key, "customer", "after-large-malformed");

        KafkaProbe.send(topic(), List.of(Map.entry(key, malformed), Map.entry(key, next)));

        awaitEffect(ref(next));
        assertEquals(malformed.length(), deadLetter(malformed).value().length());
    }

    @Test
    void aFailingEventIsRetriedWithBackOffUntilItSucceeds() {
        String key = UUID.randomUUID().toString();
        String flaky = event(key, "flaky-2", "flaky");

        KafkaProbe.send(topic(), key, flaky);

        awaitEffect(ref(flaky));
        assertEquals(
                1, store.effects("update").stream().filter(ref(flaky)::equals).count());
    }

    @Test
    void anEventThatKeepsFailingIsDeadLetteredWithItsErrorAndTheConsumerCarriesOn() {
        String key = UUID.randomUUID().toString();
        String broken = event(key, "broken", "broken");
        String next = event(key, "customer", "after-broken");

        KafkaProbe.send(topic(), List.of(Map.entry(key, broken), Map.entry(key, next)));

        awaitEffect(ref(next));
        ConsumerRecord<String, String> dead = deadLetter(broken);
        assertTrue(KafkaProbe.header(dead, "dead-letter-reason").contains("failed after 4 attempts"));
        assertTrue(!store.effects("update").contains(ref(broken)), "a failed attempt leaves no effect");
    }

    private String event(String key, String category, String label) {
        CloudEvent event = CloudEvent.of(
                "test",
                EventType.PERSON_UPDATED,
                key,
                new PersonUpdated(UUID.fromString(key), label + "-" + UUID.randomUUID() + "@example.test", category));
        return EventCodec.toJson(event);
    }

    private static String ref(String eventJson) {
        return EventCodec.parse(eventJson).dataAs(PersonUpdated.class).email();
    }

    private void awaitEffect(String ref) {
        Awaitility.await("effect " + ref + " applied")
                .atMost(WAIT)
                .until(() -> store.effects("update").contains(ref));
    }

    private ConsumerRecord<String, String> deadLetter(String value) {
        List<ConsumerRecord<String, String>> dlq = KafkaProbe.readUntil(
                prefix + Topics.deadLetter(Topics.CONTACT_EVENTS),
                r -> r.stream().anyMatch(rec -> value.equals(rec.value())),
                WAIT);
        ConsumerRecord<String, String> dead =
                dlq.stream().filter(r -> value.equals(r.value())).findFirst().orElse(null);
        assertNotNull(dead, "dead-lettered");
        return dead;
    }

    private String topic() {
        return prefix + Topics.CONTACT_EVENTS;
    }
}
