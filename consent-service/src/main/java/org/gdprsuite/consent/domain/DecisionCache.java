package org.gdprsuite.consent.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Single decisions by person id from memory: what a decision reads of a person (every basis on record, the
 * person's rights, the purpose-wide ones) and the purpose catalogue, loaded once per person with one query and
 * kept until it changes. A decision is still taken at the time it is asked (expiry needs no invalidation).
 * <p>
 * Kept correct by PostgreSQL, not by the writers: triggers announce every change of those tables at commit
 * ({@code V11_5__decision_changes.sql}), whichever replica or statement made it, and {@link DecisionChanges}
 * forgets the person here as soon as the announcement arrives (milliseconds after the commit). A load that
 * raced with a change is answered but not kept (stamps), nothing is kept while the announcements are not heard
 * (no connection: every decision is read from the database), and this replica's own commits are waited for
 * before memory answers again ({@link DecisionChanges#settled()}). So the staleness is the delivery of
 * PostgreSQL's notification; no time-to-live is needed.
 */
@ApplicationScoped
public class DecisionCache {

    /** Persons kept at most; beyond, a tenth is forgotten (any: they are read again when asked). */
    static final int MAX_PERSONS = 200_000;

    private static final int STRIPES = 4096;
    private static final String LOAD = """
            SELECT x.known, x.restricted, x.erased, x.opted_out, x.objected_all, x.objected_direct_marketing,
                y.purpose_key, y.legal_basis, y.status, y.effective_at, y.valid_until, y.opted_out, y.objected
            FROM (SELECT CAST(? AS uuid) AS person_id) k
            LEFT JOIN subject_state x ON x.person_id = k.person_id
            LEFT JOIN (
                SELECT COALESCE(s.purpose_key, f.purpose_key) AS purpose_key, s.legal_basis, s.status,
                    s.effective_at, s.valid_until, f.opted_out, f.objected
                FROM (SELECT * FROM consent_state WHERE person_id = ?) s
                FULL JOIN (SELECT * FROM subject_purpose WHERE person_id = ?) f ON f.purpose_key = s.purpose_key
            ) y ON true
            """;

    /** The basis on record for one purpose (status null: none) and the person's purpose-wide rights. */
    record PurposeState(
            LegalBasis basis,
            ConsentStatus status,
            Instant since,
            Instant until,
            boolean purposeOptedOut,
            boolean purposeObjected) {
        static final PurposeState NONE = new PurposeState(null, null, null, null, false, false);
    }

    /** What a decision reads of one person. */
    record Person(SubjectFacts facts, Map<String, PurposeState> purposes) {

        Decision decide(UUID personId, String purpose, boolean directMarketing, Instant now) {
            PurposeState p = purposes.getOrDefault(purpose, PurposeState.NONE);
            SubjectFacts f = new SubjectFacts(
                    facts.known(),
                    facts.restricted(),
                    facts.erased(),
                    facts.optedOut(),
                    facts.objectedAll(),
                    facts.objectedDirectMarketing(),
                    p.purposeOptedOut(),
                    p.purposeObjected());
            return Decision.of(personId, purpose, p.basis(), p.status(), p.since(), p.until(), directMarketing, f, now);
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    Decisions decisions;

    @Inject
    DecisionChanges changes;

    private final ConcurrentHashMap<UUID, Person> persons = new ConcurrentHashMap<>();
    /** Bumped when a person of the stripe changes: a load that began before is not kept. */
    private final AtomicLongArray stamps = new AtomicLongArray(STRIPES);
    /** Bumped when everything is forgotten. */
    private final AtomicLong epoch = new AtomicLong();
    /** Purpose → direct marketing; null until read. */
    private volatile Map<String, Boolean> catalogue;

    /** The decision now, as {@link Decisions#decide(UUID, String)} answers it (same exceptions). */
    public Decision decide(UUID personId, String purpose) {
        boolean keep = changes.settled();
        Boolean directMarketing = catalogue(keep).get(purpose);
        if (directMarketing == null) {
            // Not in the catalogue as known here: the database has the last word (and the refusal).
            return decisions.decide(personId, purpose);
        }
        return person(personId, keep).decide(personId, purpose, directMarketing, clock.instant());
    }

    /** A person's inputs changed (or may have): forgotten, and loads under way are not kept. */
    void forget(UUID personId) {
        persons.compute(personId, (id, old) -> {
            stamps.incrementAndGet(stripe(id));
            return null;
        });
    }

    /** Everything forgotten: the catalogue changed, or changes may have been missed. */
    void forgetAll() {
        epoch.incrementAndGet();
        catalogue = null;
        persons.clear();
    }

    int size() {
        return persons.size();
    }

    private Person person(UUID personId, boolean keep) {
        Person known = keep ? persons.get(personId) : null;
        if (known != null) {
            return known;
        }
        long epochBefore = epoch.get();
        int stripe = stripe(personId);
        long stampBefore = stamps.get(stripe);
        Person loaded = load(personId);
        if (keep) {
            if (persons.size() >= MAX_PERSONS) {
                makeRoom();
            }
            persons.compute(
                    personId,
                    (id, old) -> epoch.get() == epochBefore && stamps.get(stripe) == stampBefore ? loaded : old);
        }
        return loaded;
    }

    private Map<String, Boolean> catalogue(boolean keep) {
        Map<String, Boolean> current = catalogue;
        if (current != null && keep) {
            return current;
        }
        long epochBefore = epoch.get();
        Map<String, Boolean> loaded = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                Statement select = connection.createStatement();
                ResultSet rs = select.executeQuery("SELECT purpose_key, direct_marketing FROM purpose")) {
            while (rs.next()) {
                loaded.put(rs.getString(1), rs.getBoolean(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the purposes", e);
        }
        if (keep && epoch.get() == epochBefore) {
            catalogue = loaded;
        }
        return loaded;
    }

    private Person load(UUID personId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(LOAD)) {
            for (int i = 1; i <= 3; i++) {
                select.setObject(i, personId);
            }
            SubjectFacts facts = SubjectFacts.UNKNOWN;
            Map<String, PurposeState> purposes = new HashMap<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    // No subject_state row: no service ever named the person (known is then null, read false).
                    facts = new SubjectFacts(
                            rs.getBoolean(1),
                            rs.getBoolean(2),
                            rs.getBoolean(3),
                            rs.getBoolean(4),
                            rs.getBoolean(5),
                            rs.getBoolean(6),
                            false,
                            false);
                    String purpose = rs.getString(7);
                    if (purpose != null) {
                        purposes.put(purpose, purposeState(rs));
                    }
                }
            }
            return new Person(facts, Map.copyOf(purposes));
        } catch (SQLException e) {
            throw new IllegalStateException("Consent decision failed", e);
        }
    }

    private static PurposeState purposeState(ResultSet rs) throws SQLException {
        String basis = rs.getString(8);
        String status = rs.getString(9);
        Timestamp since = rs.getTimestamp(10);
        Timestamp until = rs.getTimestamp(11);
        return new PurposeState(
                basis == null ? null : LegalBasis.valueOf(basis),
                status == null ? null : ConsentStatus.valueOf(status),
                since == null ? null : since.toInstant(),
                until == null ? null : until.toInstant(),
                rs.getBoolean(12),
                rs.getBoolean(13));
    }

    private void makeRoom() {
        Iterator<UUID> any = persons.keySet().iterator();
        for (int drop = MAX_PERSONS / 10; drop > 0 && any.hasNext(); drop--) {
            any.next();
            any.remove();
        }
    }

    private static int stripe(UUID personId) {
        return (personId.hashCode() & Integer.MAX_VALUE) % STRIPES;
    }
}
