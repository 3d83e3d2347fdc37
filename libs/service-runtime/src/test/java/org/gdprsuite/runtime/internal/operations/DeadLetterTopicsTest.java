package org.gdprsuite.runtime.internal.operations;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dead-letter topics a service writes come from its channels' configuration alone, and a Kafka that does not
 * answer leaves them uncounted within the time given instead of holding up the report.
 */
@Tag("unit")
class DeadLetterTopicsTest {

    @Test
    void theTopicsOfTheChannelsThatDeadLetterAndTheOutgoingDeadLetterTopics() {
        Map<String, String> config = Map.ofEntries(
                Map.entry("mp.messaging.incoming.consent-inbound.topic", "staging.consent.inbound"),
                Map.entry("mp.messaging.incoming.consent-inbound.failure-strategy", "dead-letter-queue"),
                Map.entry(
                        "mp.messaging.incoming.consent-inbound.dead-letter-queue.topic", "staging.consent.inbound.dlq"),
                // Its consents that waited in vain go to the same topic: named once.
                Map.entry("mp.messaging.outgoing.unclaimed.topic", "staging.consent.inbound.dlq"),
                Map.entry("mp.messaging.incoming.dsr-commands.failure-strategy", "dead-letter-queue"),
                Map.entry("mp.messaging.incoming.dsr-commands.dead-letter-queue.topic", "staging.dsr.commands.dlq"),
                // No topic named: SmallRye's default.
                Map.entry("mp.messaging.incoming.toy.failure-strategy", "dead-letter-queue"),
                // Failing other ways, switched off, or not a dead-letter topic: none.
                Map.entry("mp.messaging.incoming.ignored.failure-strategy", "ignore"),
                Map.entry("mp.messaging.incoming.ignored.dead-letter-queue.topic", "ignored.dlq"),
                Map.entry("mp.messaging.incoming.off.failure-strategy", "dead-letter-queue"),
                Map.entry("mp.messaging.incoming.off.dead-letter-queue.topic", "off.dlq"),
                Map.entry("mp.messaging.incoming.off.enabled", "false"),
                Map.entry("mp.messaging.outgoing.events.topic", "staging.consent.events"));
        assertEquals(
                List.of("dead-letter-topic-toy", "staging.consent.inbound.dlq", "staging.dsr.commands.dlq"),
                List.copyOf(DeadLetterTopics.of(config)));
    }

    @Test
    void aKafkaThatDoesNotAnswerLeavesTheTopicsUncountedWithinTheTimeGiven() throws IOException {
        DeadLetterCounter counter = new DeadLetterCounter();
        try (ServerSocket silent = new ServerSocket(0)) { // accepts connections, never answers
            counter.kafkaClient = Map.of("bootstrap.servers", "127.0.0.1:" + silent.getLocalPort());
            long started = System.nanoTime();
            Map<String, Optional<Long>> counted =
                    counter.count(List.of("contact.events.dlq", "dsr.commands.dlq"), Duration.ofMillis(500));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(Map.of("contact.events.dlq", Optional.empty(), "dsr.commands.dlq", Optional.empty()), counted);
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "answered within the time given: " + took);
        } finally {
            counter.close(null);
        }
    }
}
