package org.gdprsuite.consent.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Ids;
import org.gdprsuite.events.NewestPerKey;
import org.gdprsuite.events.payload.ConsentStateChanged;
import org.gdprsuite.runtime.db.ArrayColumns;
import org.gdprsuite.runtime.outbox.Outbox;
import org.gdprsuite.runtime.web.Results;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The one place where legal-basis records are made. Every record is appended to the ledger; it becomes
 * the current state of its person × purpose only if it is not older (by effective time) than the
 * current one, so events that arrive out of order are kept as history without undoing newer
 * decisions. A change of current state is published on {@code consent.events} in the same transaction.
 * Records are written with one statement per table however many there are (a poll of inbound events).
 */
@ApplicationScoped
public class ConsentLedger {

    /** Recorded-by of the records the service makes itself. */
    public static final String SYSTEM = "consent-service";

    private static final String INSERT_RECORDS = """
            INSERT INTO consent_record (id, person_id, purpose_key, legal_basis, status, effective_at, valid_until,
                recorded_at, recorded_by, source, channel, notice_version, evidence_ip, evidence_user_agent,
                evidence_form_id, event_id)
            SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                ?::text[], ?::text[])
            """;

    /** At most one row per person × purpose: a statement may not update a row twice. */
    private static final String UPSERT_STATES = """
            INSERT INTO consent_state (person_id, purpose_key, legal_basis, status, effective_at, valid_until, record_id)
            SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[],
                ?::uuid[])
            ON CONFLICT (purpose_key, person_id) DO UPDATE SET legal_basis = EXCLUDED.legal_basis,
                status = EXCLUDED.status, effective_at = EXCLUDED.effective_at, valid_until = EXCLUDED.valid_until,
                record_id = EXCLUDED.record_id
            WHERE consent_state.effective_at <= EXCLUDED.effective_at
            RETURNING record_id
            """;

    private static final List<Function<ConsentRecord, Object>> RECORD_COLUMNS = List.of(r -> r.id, r -> r.personId,
            r -> r.purpose, r -> r.legalBasis, r -> r.status, r -> r.effectiveAt, r -> r.validUntil, r -> r.recordedAt,
            r -> r.recordedBy, r -> r.source, r -> r.channel, r -> r.noticeVersion, r -> r.evidenceIp,
            r -> r.evidenceUserAgent, r -> r.evidenceFormId, r -> r.eventId);

    private static final List<Function<ConsentRecord, Object>> STATE_COLUMNS = List.of(r -> r.personId, r -> r.purpose,
            r -> r.legalBasis, r -> r.status, r -> r.effectiveAt, r -> r.validUntil, r -> r.id);

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    Purposes purposes;

    /** How a decision was captured, as proof. */
    public record Evidence(String ip, String userAgent, String formId) {
        public static final Evidence NONE = new Evidence(null, null, null);
    }

    /** What is to be recorded; {@code effectiveAt} null means now. */
    public record Entry(UUID personId, String purpose, LegalBasis legalBasis, ConsentStatus status, Instant effectiveAt,
            ConsentSource source, String channel, String noticeVersion, Evidence evidence, String recordedBy,
            String eventId) {
    }

    @Transactional
    public ConsentRecord record(Entry entry) {
        return recordAll(List.of(entry)).get(0);
    }

    /**
     * Records {@code entries} with the effect of recording them one by one, in order, in one transaction: each
     * joins the ledger; per person × purpose the newest by effective time (the later one on a tie) becomes the
     * current state unless the current one is newer. {@code consent.events} gets each state this transaction
     * leaves current, not the ones it would pass through (no one could see them).
     */
    @Transactional
    public List<ConsentRecord> recordAll(List<Entry> entries) {
        Map<String, Purpose> known = purposes(entries);
        Instant now = clock.instant();
        List<ConsentRecord> records = entries.stream().map(e -> newRecord(e, known.get(e.purpose()), now)).toList();
        // One lock order for all writers of several states at once (no deadlock between two batches).
        List<ConsentRecord> states = NewestPerKey.of(records, ConsentLedger::key, r -> r.effectiveAt).stream()
                .sorted(Comparator.comparing((ConsentRecord r) -> r.purpose).thenComparing(r -> r.personId)).toList();
        Set<UUID> current = write(records, states);
        List<ConsentStateChanged> changes = records.stream().filter(r -> current.contains(r.id)).map(r -> {
            Decision decision = Decision.of(r.personId, r.purpose, r.legalBasis, r.status, r.effectiveAt, r.validUntil, now);
            return new ConsentStateChanged(r.personId, r.purpose, decision.allowed(), r.legalBasis.name(),
                    decision.status().name(), r.effectiveAt, r.validUntil);
        }).toList();
        outbox.publishAll(EventType.CONSENT_STATE_CHANGED, changes, change -> change.personId().toString());
        return records;
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

    /** Appends {@code records} and makes {@code states} current where not older; returns the ids of those made current. */
    private Set<UUID> write(List<ConsentRecord> records, List<ConsentRecord> states) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT_RECORDS);
                PreparedStatement upsert = connection.prepareStatement(UPSERT_STATES)) {
            ArrayColumns.bind(insert, records, RECORD_COLUMNS);
            insert.executeUpdate();
            ArrayColumns.bind(upsert, states, STATE_COLUMNS);
            Set<UUID> current = new HashSet<>();
            try (ResultSet changed = upsert.executeQuery()) {
                while (changed.next()) {
                    current.add(changed.getObject(1, UUID.class));
                }
            }
            return current;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write to the consent ledger", e);
        }
    }

    /** Withdrawal, as easy as giving: one record, effective now, on the basis it withdraws. */
    @Transactional
    public ConsentRecord withdraw(UUID personId, String purpose, ConsentSource source, String channel,
            Evidence evidence, String recordedBy) {
        LegalBasis basis = currentState(personId, purpose).map(s -> s.legalBasis).orElse(LegalBasis.CONSENT);
        return record(new Entry(personId, purpose, basis, ConsentStatus.WITHDRAWN, null, source, channel, null,
                evidence, recordedBy, null));
    }

    public java.util.Optional<ConsentState> currentState(UUID personId, String purpose) {
        return ConsentState.find("personId = ?1 and purpose = ?2", personId, purpose).firstResultOptional();
    }

    public List<ConsentState> currentStates(UUID personId) {
        return ConsentState.list("personId", Sort.by("purpose"), personId);
    }

    /** One page of a person × purpose's records, oldest first (over the person × purpose index). */
    public Results<ConsentRecord> history(UUID personId, String purpose, int page, int size) {
        PanacheQuery<ConsentRecord> records = ConsentRecord.find("personId = ?1 and purpose = ?2",
                Sort.by("effectiveAt").and("recordedAt"), personId, purpose);
        return new Results<>(records.page(page, size).list(), page, size, records.count());
    }

    public List<ConsentRecord> history(UUID personId) {
        return ConsentRecord.list("personId", Sort.by("purpose").and("effectiveAt").and("recordedAt"), personId);
    }

    /** The record that was in force at {@code at} (Art. 7(1): the controller can demonstrate consent). */
    public java.util.Optional<ConsentRecord> inForceAt(UUID personId, String purpose, Instant at) {
        return ConsentRecord.find("personId = ?1 and purpose = ?2 and effectiveAt <= ?3",
                Sort.descending("effectiveAt").and("recordedAt", Sort.Direction.Descending), personId, purpose, at)
                .firstResultOptional();
    }

    /** Consents past their validity become expired; returns how many (0 while another replica runs it). */
    @Transactional
    public int expireDue(int limit) {
        boolean mine = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtext('consent-expiry'))")
                .getSingleResult();
        if (!mine) {
            return 0;
        }
        List<ConsentState> due = ConsentState.find("status = ?1 and validUntil <= ?2", ConsentStatus.GRANTED,
                clock.instant()).page(0, limit).list();
        for (ConsentState state : due) {
            record(new Entry(state.personId, state.purpose, state.legalBasis, ConsentStatus.EXPIRED, state.validUntil,
                    ConsentSource.SYSTEM, null, null, null, SYSTEM + " (expiry)", null));
        }
        return due.size();
    }

    /**
     * Erasure of a person's slice. The ledger stays as the proof the controller must be able to give
     * (Art. 7(1), Art. 17(3)(e)): ids, purposes, bases, statuses and times are not about who the person
     * is. The evidence (IP address, user agent, form) is destroyed, and whatever still allowed
     * processing is withdrawn, so no service processes the erased person again.
     */
    @Transactional
    public void erase(List<UUID> personIds) {
        if (personIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                UPDATE consent_record SET evidence_ip = NULL, evidence_user_agent = NULL, evidence_form_id = NULL
                WHERE person_id = ANY(?1) AND (evidence_ip IS NOT NULL OR evidence_user_agent IS NOT NULL
                    OR evidence_form_id IS NOT NULL)
                """).setParameter(1, personIds.toArray(UUID[]::new)).executeUpdate();
        // Read from the table, not as entities: states this transaction has changed (a batch of contact events)
        // could be stale in the persistence context. Persons in the given order, purposes as currentStates has them.
        @SuppressWarnings("unchecked")
        List<Object[]> allowing = em.createNativeQuery("""
                SELECT person_id, purpose_key, legal_basis FROM consent_state
                WHERE person_id = ANY(?1) AND status IN ('GRANTED', 'PENDING_CONFIRMATION')
                ORDER BY array_position(?1, person_id), purpose_key
                """).setParameter(1, personIds.stream().distinct().toArray(UUID[]::new)).getResultList();
        if (allowing.isEmpty()) {
            return;
        }
        // One recordAll for all: a statement per table for a batch of erased persons, not one per person × purpose.
        recordAll(allowing.stream().map(state -> new Entry((UUID) state[0], (String) state[1],
                LegalBasis.valueOf((String) state[2]), ConsentStatus.WITHDRAWN, null, ConsentSource.SYSTEM, null, null,
                null, SYSTEM + " (erasure)", null)).toList());
    }

    /** Until when a record allows processing: a consent for a purpose with a validity, else no end. */
    static Instant validUntil(Purpose purpose, LegalBasis basis, ConsentStatus status, Instant effectiveAt) {
        if (status != ConsentStatus.GRANTED || basis != LegalBasis.CONSENT || purpose.consentValidityDays == null) {
            return null;
        }
        return effectiveAt.plus(Duration.ofDays(purpose.consentValidityDays));
    }
}
