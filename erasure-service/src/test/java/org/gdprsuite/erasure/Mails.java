package org.gdprsuite.erasure;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.testsupport.KafkaProbe;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The mail the orchestrator asked for, read from notification.requests until one of a kind arrived (at most 30 s). */
record Mails(String prefix) {

    static final Duration WAIT = Duration.ofSeconds(30);

    List<NotificationRequested> all(String email, String template) {
        List<ConsumerRecord<String, String>> read = KafkaProbe.readUntil(
                prefix + Topics.NOTIFICATION_REQUESTS,
                records -> records.stream()
                        .anyMatch(r -> r.value().contains(email) && r.value().contains(template)),
                WAIT);
        return read.stream()
                .map(r -> EventCodec.parse(r.value()).dataAs(NotificationRequested.class))
                .filter(n -> email.equals(n.email()) && template.equals(n.template()))
                .toList();
    }

    NotificationRequested first(String email, String template) {
        List<NotificationRequested> found = all(email, template);
        assertNotNull(found.isEmpty() ? null : found.get(0), template + " mail to " + email);
        return found.get(0);
    }
}
