package org.gdprsuite.consent.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.gdprsuite.consent.config.ConsentConfig;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Ids;
import org.gdprsuite.events.NewestPerKey;
import org.gdprsuite.events.payload.ConsentStateChanged;
import org.gdprsuite.runtime.outbox.Outbox;
import org.gdprsuite.runtime.web.Results;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The one place where legal-basis records are made. Every record is appended to the ledger; it becomes
 * the current state of its person × purpose only if it is not older (by effective time) than the
 * current one, so events that arrive out of order are kept as history without undoing newer
 * decisions. A change of current state is published on {@code consent.events} in the same transaction.
 * Records are written with one statement per table however many there are (a poll of inbound events),
 * by {@link LedgerTables}. Expiry and erasure are recorded by {@link LedgerMaintenance}.
 */
@ApplicationScoped
public class ConsentLedger {

    /** Recorded-by of the records the service makes itself. */
    public static final String SYSTEM = "consent-service";

    @Inject
    LedgerTables tables;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    Purposes purposes;

    @Inject
    SubjectStates subjects;

    @Inject
    Decisions decisions;

    @Inject
    ConsentConfig config;

    @Inject
    InformationMails informationMails;

    /** How a decision was captured, as proof. */
    public record Evidence(String ip, String userAgent, String formId) {
        public static final Evidence NONE = new Evidence(null, null, null);
    }

    /** What is to be recorded; {@code effectiveAt} null means now. */
    public record Entry(
            UUID personId,
            String purpose,
            LegalBasis legalBasis,
            ConsentStatus status,
            Instant effectiveAt,
            ConsentSource source,
            String channel,
            String noticeVersion,
            Evidence evidence,
            String recordedBy,
            String eventId) {

        /** A record the service makes itself, {@code why} (e.g. "expiry"): no channel, notice, evidence or event. */
        public static Entry system(
                UUID personId,
                String purpose,
                LegalBasis legalBasis,
                ConsentStatus status,
                Instant effectiveAt,
                String why) {
            return new Entry(
                    personId,
                    purpose,
                    legalBasis,
                    status,
                    effectiveAt,
                    ConsentSource.SYSTEM,
                    null,
                    null,
                    null,
                    SYSTEM + " (" + why + ")",
                    null);
        }
    }

    @Transactional
    public ConsentRecord record(Entry entry) {
        return recordAll(List.of(entry)).get(0);
    }

    /**
     * Records {@code entries} with the effect of recording them one by one, in order, in one transaction: each
     * joins the ledger; per person × purpose the newest by effective time (the later one on a tie) becomes the
     * current state unless the current one is newer. {@code consent.events} gets the effective decision of each
     * state this transaction leaves current, not the ones it would pass through (no one could see them).
     * Records from outside the service must name a person the suite announced or a pending subject
     * ({@link UnknownPersonException}).
     */
    @Transactional
    public List<ConsentRecord> recordAll(List<Entry> entries) {
        return recordAll(entries, clock.instant());
    }

    /**
     * {@link #recordAll(List)} of entries that arrived at {@code receivedAt} (they waited for their person): the
     * backdating rule is applied to when they arrived, not to now.
     */
    @Transactional
    public List<ConsentRecord> recordAll(List<Entry> entries, Instant receivedAt) {
        Map<String, Purpose> known = purposes(entries);
        Map<UUID, Boolean> subjectsKnown =
                subjects.knownOf(entries.stream().map(Entry::personId).toList());
        if (entries.stream()
                .anyMatch(e -> e.source() != ConsentSource.SYSTEM && !subjectsKnown.containsKey(e.personId()))) {
            throw new UnknownPersonException();
        }
        entries.forEach(e -> Backdating.check(e, receivedAt, config.consent().backdatingTolerance()));
        Instant now = clock.instant();
        List<ConsentRecord> records = entries.stream()
                .map(e -> newRecord(e, known.get(e.purpose()), now))
                .toList();
        // One lock order for all writers of several states at once (no deadlock between two batches).
        List<ConsentRecord> states = NewestPerKey.of(records, ConsentLedger::key, r -> r.effectiveAt).stream()
                .sorted(Comparator.comparing((ConsentRecord r) -> r.purpose).thenComparing(r -> r.personId))
                .toList();
        Set<UUID> current = tables.write(records, states);
        // Decided as the API will answer (with the person's rights), reading this transaction's writes.
        Map<Decisions.Key, Decision> decided = decisions.decideAll(records.stream()
                .filter(r -> current.contains(r.id))
                .map(r -> new Decisions.Key(r.personId, r.purpose))
                .toList());
        // A pending subject is no person of the suite: its decisions are asked by address, not published.
        List<ConsentStateChanged> changes = records.stream()
                .filter(r -> current.contains(r.id) && !subjectsKnown.getOrDefault(r.personId, false))
                .map(r -> decided.get(new Decisions.Key(r.personId, r.purpose)).event())
                .toList();
        outbox.publishAll(
                EventType.CONSENT_STATE_CHANGED,
                changes,
                change -> change.personId().toString());
        // Art. 13/14: a person now processed on a basis other than consent is told of it, whatever brought it.
        List<UUID> withoutConsent = records.stream()
                .filter(r -> current.contains(r.id)
                        && r.status == ConsentStatus.GRANTED
                        && r.legalBasis != LegalBasis.CONSENT
                        && Boolean.FALSE.equals(subjectsKnown.get(r.personId)))
                .map(r -> r.personId)
                .distinct()
                .toList();
        if (!withoutConsent.isEmpty()) {
            informationMails.basesChanged(withoutConsent);
        }
        return records;
    }

    /** Refuses what {@link #recordAll} would refuse of {@code entries} whoever their person is. */
    public void check(List<Entry> entries) {
        purposes(entries);
        Instant now = clock.instant();
        entries.forEach(e -> Backdating.check(e, now, config.consent().backdatingTolerance()));
    }

    private Map<String, Purpose> purposes(List<Entry> entries) {
        Map<String, Purpose> known = new HashMap<>();
        for (Entry entry : entries) {
            if (!known.containsKey(entry.purpose())) {
                Purpose purpose = purposes.find(entry.purpose()).orElseThrow(UnknownPurposeException::new);
                known.put(purpose.key, purpose);
            }
        }
        return known;
    }

    private static ConsentRecord newRecord(Entry entry, Purpose purpose, Instant now) {
        ConsentRecord record = new ConsentRecord();
        record.id = Ids.timeOrdered();
        record.personId = entry.personId();
        record.purpose = purpose.key;
        record.legalBasis = entry.legalBasis();
        record.status = entry.status();
        record.effectiveAt = entry.effectiveAt() == null ? now : entry.effectiveAt();
        record.validUntil = validUntil(purpose, entry.legalBasis(), entry.status(), record.effectiveAt);
        record.recordedAt = now;
        record.recordedBy = entry.recordedBy();
        record.source = entry.source();
        record.channel = entry.channel();
        record.noticeVersion = entry.noticeVersion();
        Evidence evidence = entry.evidence() == null ? Evidence.NONE : entry.evidence();
        record.evidenceIp = evidence.ip();
        record.evidenceUserAgent = evidence.userAgent();
        record.evidenceFormId = evidence.formId();
        record.eventId = entry.eventId();
        return record;
    }

    private static ConsentState.Key key(ConsentRecord record) {
        ConsentState.Key key = new ConsentState.Key();
        key.personId = record.personId;
        key.purpose = record.purpose;
        return key;
    }

    /** Withdrawal, as easy as giving: one record, effective now, on the basis it withdraws. */
    @Transactional
    public ConsentRecord withdraw(
            UUID personId, String purpose, ConsentSource source, String channel, Evidence evidence, String recordedBy) {
        LegalBasis basis =
                currentState(personId, purpose).map(s -> s.legalBasis).orElse(LegalBasis.CONSENT);
        return record(new Entry(
                personId,
                purpose,
                basis,
                ConsentStatus.WITHDRAWN,
                null,
                source,
                channel,
                null,
                evidence,
                recordedBy,
                null));
    }

    public Optional<ConsentState> currentState(UUID personId, String purpose) {
        return ConsentState.find("personId = ?1 and purpose = ?2", personId, purpose)
                .firstResultOptional();
    }

    public List<ConsentState> currentStates(UUID personId) {
        return ConsentState.list("personId", Sort.by("purpose"), personId);
    }

    /** One page of a person × purpose's records, oldest first (over the person × purpose index). */
    public Results<ConsentRecord> history(UUID personId, String purpose, int page, int size) {
        PanacheQuery<ConsentRecord> records = ConsentRecord.find(
                "personId = ?1 and purpose = ?2", Sort.by("effectiveAt").and("recordedAt"), personId, purpose);
        return new Results<>(records.page(page, size).list(), page, size, records.count());
    }

    public List<ConsentRecord> history(UUID personId) {
        return ConsentRecord.list(
                "personId", Sort.by("purpose").and("effectiveAt").and("recordedAt"), personId);
    }

    /**
     * The record that was in force at {@code at} (Art. 7(1): the controller can demonstrate consent), as the
     * ledger stood then: only records made by {@code at} count, so a record added today (an import with an
     * earlier effective time) never changes yesterday's proof.
     */
    public Optional<ConsentRecord> inForceAt(UUID personId, String purpose, Instant at) {
        return ConsentRecord.find(
                        "personId = ?1 and purpose = ?2 and effectiveAt <= ?3 and recordedAt <= ?3",
                        Sort.descending("effectiveAt").and("recordedAt", Sort.Direction.Descending),
                        personId,
                        purpose,
                        at)
                .firstResultOptional();
    }

    /** Until when a record allows processing: a consent for a purpose with a validity, else no end. */
    static Instant validUntil(Purpose purpose, LegalBasis basis, ConsentStatus status, Instant effectiveAt) {
        if (status != ConsentStatus.GRANTED || basis != LegalBasis.CONSENT || purpose.consentValidityDays == null) {
            return null;
        }
        return effectiveAt.plus(Duration.ofDays(purpose.consentValidityDays));
    }
}
