package org.gdprsuite.consent.domain;

import java.util.List;

import org.gdprsuite.consent.domain.ConsentLedger.Entry;
import org.gdprsuite.consent.domain.ConsentLedger.Evidence;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.InvalidEventException;
import org.gdprsuite.events.payload.ConsentRecorded;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Consent decisions from integrating systems, the same whether they arrive on {@code consent.inbound}
 * or over REST: schema-checked (by the event codec), applied once per event id whatever the way in, and
 * out-of-order safe (the ledger keeps an older event as history only).
 */
@ApplicationScoped
public class InboundConsents {

    /** One consumer name for both ways in, so an event sent over REST and Kafka is applied once. */
    public static final String CONSUMER = "consent-inbound";

    @Inject
    IdempotentConsumer consumer;

    @Inject
    ConsentLedger ledger;

    /** Applies a parsed, valid {@code consent.recorded} event; false when it was applied before. */
    public boolean applyOnce(CloudEvent event, String recordedBy) {
        return consumer.applyOnce(event, CONSUMER, e -> apply(e, recordedBy)) == IdempotentConsumer.Result.APPLIED;
    }

    /** The effect of one event; runs in the consumer's transaction. */
    public void apply(CloudEvent event, String recordedBy) {
        ledger.record(entry(event, recordedBy));
    }

    /** The effect of events from {@code consent.inbound}, in order, each recorded by its source (the integrating system). */
    public void applyAll(List<CloudEvent> events) {
        ledger.recordAll(
                events.stream().map(event -> entry(event, event.source())).toList());
    }

    private static Entry entry(CloudEvent event, String recordedBy) {
        if (!EventType.CONSENT_RECORDED.type().equals(event.type())) {
            throw new InvalidEventException("not a consent.recorded event");
        }
        ConsentRecorded data = event.dataAs(ConsentRecorded.class);
        ConsentRecorded.Evidence evidence = data.evidence();
        return new Entry(
                data.personId(),
                data.purpose(),
                LegalBasis.valueOf(data.legalBasis()),
                ConsentStatus.valueOf(data.status()),
                data.effectiveAt(),
                ConsentSource.valueOf(data.source()),
                data.channel(),
                data.noticeVersion(),
                evidence == null ? null : new Evidence(evidence.ip(), evidence.userAgent(), evidence.formId()),
                recordedBy,
                event.id());
    }
}
