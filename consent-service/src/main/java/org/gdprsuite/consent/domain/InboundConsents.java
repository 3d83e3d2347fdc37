package org.gdprsuite.consent.domain;

import java.util.ArrayList;
import java.util.List;

import org.gdprsuite.consent.domain.ConsentLedger.Entry;
import org.gdprsuite.consent.domain.ConsentLedger.Evidence;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.InvalidEventException;
import org.gdprsuite.events.payload.ConsentRecorded;
import org.gdprsuite.events.payload.ObjectionChanged;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Consent decisions and objections from integrating systems (and objections from the DSR orchestrator), the
 * same whether they arrive on {@code consent.inbound} or over REST: schema-checked (by the event codec), applied
 * once per event id whatever the way in, and out-of-order safe (the ledger keeps an older event as history only).
 * An event naming a person no service announced is refused ({@link UnknownPersonException}), nothing stored.
 */
@ApplicationScoped
public class InboundConsents {

    /** One consumer name for both ways in, so an event sent over REST and Kafka is applied once. */
    public static final String CONSUMER = "consent-inbound";

    @Inject
    IdempotentConsumer consumer;

    @Inject
    ConsentLedger ledger;

    @Inject
    SubjectStates subjects;

    @Inject
    Purposes purposes;

    /** Applies a parsed, valid event; false when it was applied before. */
    public boolean applyOnce(CloudEvent event, String recordedBy) {
        return consumer.applyOnce(event, CONSUMER, e -> apply(List.of(e), recordedBy))
                == IdempotentConsumer.Result.APPLIED;
    }

    /** The effect of events from {@code consent.inbound}, in order, each recorded by its source (the integrating system). */
    public void applyAll(List<CloudEvent> events) {
        apply(events, null);
    }

    /**
     * Runs in the consumer's transaction. Consecutive consent records are written together (a statement per table
     * for a poll of them); an objection in between is applied in its place, so the order of the partition holds.
     */
    private void apply(List<CloudEvent> events, String recordedBy) {
        List<Entry> entries = new ArrayList<>();
        for (CloudEvent event : events) {
            if (EventType.CONSENT_RECORDED.type().equals(event.type())) {
                entries.add(entry(event, recordedBy == null ? event.source() : recordedBy));
            } else if (EventType.CONSENT_OBJECTION_CHANGED.type().equals(event.type())) {
                record(entries);
                objection(event.dataAs(ObjectionChanged.class));
            } else {
                throw new InvalidEventException("not a consent.recorded or consent.objection-changed event");
            }
        }
        record(entries);
    }

    private void record(List<Entry> entries) {
        if (!entries.isEmpty()) {
            ledger.recordAll(List.copyOf(entries));
            entries.clear();
        }
    }

    private void objection(ObjectionChanged objection) {
        subjects.requireKnown(List.of(objection.personId()));
        for (String purpose : objection.purposes()) {
            purposes.find(purpose).orElseThrow(UnknownPurposeException::new);
        }
        subjects.objection(objection);
    }

    private static Entry entry(CloudEvent event, String recordedBy) {
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
