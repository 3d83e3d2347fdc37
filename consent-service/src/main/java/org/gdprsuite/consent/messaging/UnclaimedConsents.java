package org.gdprsuite.consent.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.gdprsuite.consent.config.ConsentConfig;
import org.gdprsuite.consent.domain.ParkedConsents;
import org.gdprsuite.consent.domain.ParkedConsents.Parked;
import org.gdprsuite.consent.domain.UnknownPersonException;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.Topics;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Consents from {@code consent.inbound} whose person was still not announced after
 * {@code gdpr.consent.unknown-person-wait} are dead-lettered to {@code consent.inbound.dlq} as the consumer would
 * (the event, keyed by the person, the reason in {@code dead-letter-reason}, naming no id) and forgotten.
 */
@ApplicationScoped
public class UnclaimedConsents {

    private static final Logger LOG = Logger.getLogger(UnclaimedConsents.class);
    private static final int BATCH = 200;

    @Inject
    ParkedConsents parked;

    @Inject
    ConsentConfig config;

    @Inject
    @Channel("consent-inbound-unclaimed")
    MutinyEmitter<String> deadLetters;

    @Scheduled(
            every = "${gdpr.consent.unknown-person-check-every}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        while (deadLetterOverdue() == BATCH) {
            // a full batch: more may be overdue
        }
    }

    /** One batch in one transaction: the rows stay locked (other replicas skip them) until they are sent and gone. */
    int deadLetterOverdue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Parked> overdue = parked.overdue(config.consent().unknownPersonWait(), BATCH);
            if (overdue.isEmpty()) {
                return 0;
            }
            String reason = UnknownPersonException.class.getName() + ": no service announced the person within "
                    + config.consent().unknownPersonWait();
            for (Parked waiting : overdue) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
                headers.add("dead-letter-topic", Topics.CONSENT_INBOUND.getBytes(StandardCharsets.UTF_8));
                deadLetters.sendMessageAndAwait(Message.of(EventCodec.toJson(waiting.event()))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                .withKey(waiting.personId().toString())
                                .withHeaders(headers)
                                .build()));
            }
            parked.remove(overdue);
            LOG.warnf("%d consent event(s) dead-lettered: their person was not announced in time", overdue.size());
            return overdue.size();
        });
    }
}
