package org.gdprsuite.consent.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * "May we process person X for purpose P now?" — the hot path of the suite. One query per call, also for a
 * batch of thousands of persons: the basis (consent_state), the person's rights (subject_state) and the
 * purpose-wide ones (subject_purpose), each by primary key, with plain JDBC (no ORM session). Inside a
 * transaction it reads that transaction's writes, so the ledger publishes what the API will answer.
 */
@ApplicationScoped
public class Decisions {

    /** A person × purpose to decide. */
    public record Key(UUID personId, String purpose) {}

    private static final String DECIDE = """
            SELECT k.person_id, k.purpose_key, p.direct_marketing, s.legal_basis, s.status, s.effective_at,
                s.valid_until, x.known, x.restricted, x.erased, x.opted_out, x.objected_all,
                x.objected_direct_marketing, f.opted_out, f.objected
            FROM unnest(?::uuid[], ?::text[]) AS k(person_id, purpose_key)
            JOIN purpose p ON p.purpose_key = k.purpose_key
            LEFT JOIN consent_state s ON s.purpose_key = k.purpose_key AND s.person_id = k.person_id
            LEFT JOIN subject_state x ON x.person_id = k.person_id
            LEFT JOIN subject_purpose f ON f.person_id = k.person_id AND f.purpose_key = k.purpose_key
            """;

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    Purposes purposes;

    @Inject
    SubjectDirectory directory;

    public Decision decide(UUID personId, String purpose) {
        return decide(List.of(personId), purpose).get(0);
    }

    /** Decisions in the order of {@code personIds} (duplicates answered once); {@link UnknownPurposeException}. */
    public List<Decision> decide(List<UUID> personIds, String purpose) {
        List<Key> keys = new LinkedHashSet<>(personIds)
                .stream().map(id -> new Key(id, purpose)).toList();
        Map<Key, Decision> found = decideAll(keys);
        if (found.isEmpty()) {
            throw new UnknownPurposeException();
        }
        return keys.stream().map(found::get).toList();
    }

    /**
     * Decisions about subjects named by an address or an external id ({@code refs}, normalised), in their order: a
     * person's as for their id; a pending subject's from its own records, without its id; {@code UNKNOWN_SUBJECT}
     * for one no consent named and no person was announced with. {@link UnknownPurposeException}.
     */
    public List<Decision> decideByIdentity(List<SubjectRef> refs, String purpose) {
        purposes.find(purpose).orElseThrow(UnknownPurposeException::new);
        List<java.util.Optional<SubjectDirectory.Found>> found = directory.subjectsForDecision(refs);
        Map<Key, Decision> decided = decideAll(found.stream()
                .flatMap(java.util.Optional::stream)
                .map(f -> new Key(f.subjectId(), purpose))
                .distinct()
                .toList());
        return found.stream()
                .map(f -> f.map(subject -> {
                            Decision decision = decided.get(new Key(subject.subjectId(), purpose));
                            return subject.pending() ? decision.withoutId() : decision;
                        })
                        .orElseGet(() -> Decision.unknownSubject(purpose)))
                .toList();
    }

    /** The decisions of {@code keys} whose purpose is in the catalogue (the others are left out). */
    public Map<Key, Decision> decideAll(List<Key> keys) {
        Map<Key, Decision> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(DECIDE)) {
            select.setArray(
                    1,
                    connection.createArrayOf(
                            "uuid", keys.stream().map(Key::personId).toArray()));
            select.setArray(
                    2,
                    connection.createArrayOf(
                            "text", keys.stream().map(Key::purpose).toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Decision decision = decision(rs, now);
                    found.put(new Key(decision.personId(), decision.purpose()), decision);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Consent decision failed", e);
        }
        return found;
    }

    /** The person × purpose keys of every basis on record for {@code personIds}. */
    public List<Key> keysOf(List<UUID> personIds) {
        List<Key> keys = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT person_id, purpose_key FROM consent_state WHERE person_id = ANY(?)")) {
            select.setArray(1, connection.createArrayOf("uuid", personIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    keys.add(new Key(rs.getObject(1, UUID.class), rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the consent states", e);
        }
        return keys;
    }

    private static Decision decision(ResultSet rs, Instant now) throws SQLException {
        String basis = rs.getString(4);
        String status = rs.getString(5);
        Timestamp since = rs.getTimestamp(6);
        Timestamp until = rs.getTimestamp(7);
        // No subject_state row: no service ever named the person (known is then null).
        SubjectFacts facts = new SubjectFacts(
                rs.getBoolean(8),
                rs.getBoolean(9),
                rs.getBoolean(10),
                rs.getBoolean(11),
                rs.getBoolean(12),
                rs.getBoolean(13),
                rs.getBoolean(14),
                rs.getBoolean(15));
        return Decision.of(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                basis == null ? null : LegalBasis.valueOf(basis),
                status == null ? null : ConsentStatus.valueOf(status),
                since == null ? null : since.toInstant(),
                until == null ? null : until.toInstant(),
                rs.getBoolean(3),
                facts,
                now);
    }
}
