package org.gdprsuite.runtime.operations;

import java.time.Instant;
import java.util.List;

/**
 * One service's answer to {@code GET /api/operations/<service>}: how far its outbox is behind and how many dead
 * letters wait in the dead-letter topics it writes, as of {@code at}.
 *
 * @param service the service that answers ({@code quarkus.application.name})
 * @param at when the figures were taken
 */
public record OperationsReport(String service, Instant at, OutboxBacklog outbox, DeadLetters deadLetters) {

    /**
     * The outbox lag: events committed with their state change but not yet published to Kafka (the relay deletes a
     * row once Kafka has it, so every row is pending).
     *
     * @param pending rows waiting to be published
     * @param oldestPendingAt when the oldest of them was committed; null when none waits
     * @param oldestPendingSeconds its age in seconds (0 when none waits): the outbox lag
     */
    public record OutboxBacklog(long pending, Instant oldestPendingAt, long oldestPendingSeconds) {}

    /**
     * The records in the dead-letter topics ({@code <topic>.dlq}) the service's channels write: events it could not
     * apply, kept on the topic until its retention ends. A dead-letter topic may be written by several services (each
     * consumer of {@code contact.events} writes {@code contact.events.dlq}), so each of them names it.
     *
     * @param waiting the records of all those topics; null when a topic could not be counted (Kafka did not answer
     *                in time, or the topic is missing)
     * @param topics each topic with its count
     */
    public record DeadLetters(Long waiting, List<DeadLetterTopic> topics) {}

    /**
     * @param topic the topic's name in the suite's contract (without {@code gdpr.kafka.topic-prefix})
     * @param waiting its records: the end offset minus the beginning offset of each partition, summed; null when it
     *                could not be counted
     */
    public record DeadLetterTopic(String topic, Long waiting) {}
}
