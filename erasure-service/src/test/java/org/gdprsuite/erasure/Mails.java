package org.gdprsuite.erasure;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.runtime.crypto.RequestFields;
import org.gdprsuite.testsupport.KafkaProbe;

import io.quarkus.arc.Arc;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The mail the orchestrator asked for, read from notification.requests until one of a kind arrived (at most 30 s),
 * opened as subscription-service opens it (the address and parameters travel sealed under the request's key).
 */
record Mails(String prefix) {

    static final Duration WAIT = Duration.ofSeconds(30);

    List<NotificationRequested> all(String email, String template) {
        List<ConsumerRecord<String, String>> read = KafkaProbe.readUntil(
                prefix + Topics.NOTIFICATION_REQUESTS,
                records -> records.stream()
                        .anyMatch(r -> opened(r, email, template).isPresent()),
                WAIT);
        return read.stream()
                .map(r -> opened(r, email, template))
                .flatMap(Optional::stream)
                .toList();
    }

    NotificationRequested first(String email, String template) {
        List<NotificationRequested> found = all(email, template);
        assertNotNull(found.isEmpty() ? null : found.get(0), template + " mail to " + email);
        return found.get(0);
    }

    /** The record's mail, opened, if it is one of a kind to that address. */
    static Optional<NotificationRequested> opened(
            ConsumerRecord<String, String> record, String email, String template) {
        if (!record.value().contains(template)) {
            return Optional.empty();
        }
        NotificationRequested sent = EventCodec.parse(record.value()).dataAs(NotificationRequested.class);
        return Arc.container()
                .instance(RequestFields.class)
                .get()
                .open(sent)
                .filter(n -> email.equals(n.email()) && template.equals(n.template()));
    }
}
