package org.gdprsuite.consent.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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
 * An event naming a person no service announced is refused over REST ({@link UnknownPersonException}), nothing
 * stored; from Kafka it waits for the person ({@link ParkedConsents}), since contact-service may announce a person
 * a moment after their consent arrives on the other topic, and is recorded when the person is announced
 * ({@link #announced}).
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

    @Inject
    ParkedConsents parked;

    @Inject
    SubjectDirectory directory;

    /** Applies a parsed, valid event; false when it was applied before. */
    public boolean applyOnce(CloudEvent event, String recordedBy) {
        return consumer.applyOnce(event, CONSUMER, e -> apply(List.of(e), recordedBy))
                == IdempotentConsumer.Result.APPLIED;
    }

    /**
     * The effect of events from {@code consent.inbound}, in order, each recorded by its source (the integrating
     * system); those naming a person not announced yet wait for them.
     */
    public void applyAll(List<CloudEvent> events) {
        apply(events, null);
    }

    /**
     * contact-service announced these persons: the consents from Kafka that waited for them are recorded now, in
     * the order they came, as if they had arrived just after the announcement (checked for backdating against when
     * they arrived). Runs in the caller's transaction.
     */
    public void announced(List<UUID> personIds) {
        List<ParkedConsents.Parked> waiting = parked.take(personIds);
        if (!waiting.isEmpty()) {
            ledger.recordAll(
                    waiting.stream()
                            .map(p -> entry(p.event(), p.event().source()))
                            .toList(),
                    waiting.get(0).parkedAt());
        }
    }

    /**
     * Runs in the consumer's transaction. Consecutive consent records are written together (a statement per table
     * for a poll of them); an objection in between is applied in its place, so the order of the partition holds.
     */
    private void apply(List<CloudEvent> events, String recordedBy) {
        List<Entry> entries = new ArrayList<>();
        List<CloudEvent> recorded = new ArrayList<>();
        for (CloudEvent event : events) {
            if (EventType.CONSENT_RECORDED.type().equals(event.type())) {
                entries.add(entry(event, recordedBy == null ? event.source() : recordedBy));
                recorded.add(event);
            } else if (EventType.CONSENT_OBJECTION_CHANGED.type().equals(event.type())) {
                record(entries, recorded, recordedBy == null);
                objection(event.dataAs(ObjectionChanged.class));
            } else {
                throw new InvalidEventException("not a consent.recorded or consent.objection-changed event");
            }
        }
        record(entries, recorded, recordedBy == null);
    }

    /** Records {@code entries} (of the {@code events}); with {@code wait}, those of unknown persons are parked. */
    private void record(List<Entry> entries, List<CloudEvent> events, boolean wait) {
        if (entries.isEmpty()) {
            return;
        }
        Set<UUID> unknown =
                wait ? subjects.unknownOf(entries.stream().map(Entry::personId).toList()) : Set.of();
        if (unknown.isEmpty()) {
            ledger.recordAll(List.copyOf(entries));
        } else {
            // Refused now if bad for any other reason; parked, it waits only for its person.
            ledger.check(entries);
            List<Entry> now = new ArrayList<>();
            List<CloudEvent> later = new ArrayList<>();
            List<UUID> waitingFor = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                if (unknown.contains(entries.get(i).personId())) {
                    later.add(events.get(i));
                    waitingFor.add(entries.get(i).personId());
                } else {
                    now.add(entries.get(i));
                }
            }
            if (!now.isEmpty()) {
                ledger.recordAll(now);
            }
            parked.park(later, waitingFor);
        }
        entries.clear();
        events.clear();
    }

    private void objection(ObjectionChanged objection) {
        subjects.requireKnown(List.of(objection.personId()));
        for (String purpose : objection.purposes()) {
            purposes.find(purpose).orElseThrow(UnknownPurposeException::new);
        }
        subjects.objection(objection);
    }

    private Entry entry(CloudEvent event, String recordedBy) {
        ConsentRecorded data = event.dataAs(ConsentRecorded.class);
        ConsentRecorded.Evidence evidence = data.evidence();
        return new Entry(
                subject(data),
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

    /** The subject the records of {@code data} are kept under (the common case, a person id alone, without a query). */
    private UUID subject(ConsentRecorded data) {
        SubjectRef ref = new SubjectRef(data.personId(), data.email(), data.sourceSystem(), data.externalId());
        if (data.personId() != null
                && data.email() == null
                && data.sourceSystem() == null
                && data.externalId() == null) {
            return data.personId();
        }
        return directory.subjectForRecord(ref.normalized());
    }
}
