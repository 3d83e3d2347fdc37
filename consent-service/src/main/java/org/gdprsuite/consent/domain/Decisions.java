package org.gdprsuite.consent.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
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
 * "May we process person X for purpose P now?" — the hot path of the suite. Reads the current-state
 * table by primary key with plain JDBC (no ORM session, no transaction), one query per call, also
 * for a batch of thousands of persons.
 */
@ApplicationScoped
public class Decisions {

    private static final String SINGLE = """
            SELECT s.legal_basis, s.status, s.effective_at, s.valid_until
            FROM purpose p LEFT JOIN consent_state s ON s.purpose_key = p.purpose_key AND s.person_id = ?
            WHERE p.purpose_key = ?
            """;
    private static final String BATCH = """
            SELECT s.person_id, s.legal_basis, s.status, s.effective_at, s.valid_until
            FROM purpose p LEFT JOIN consent_state s ON s.purpose_key = p.purpose_key AND s.person_id = ANY(?)
            WHERE p.purpose_key = ?
            """;

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    public Decision decide(UUID personId, String purpose) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SINGLE)) {
            select.setObject(1, personId);
            select.setString(2, purpose);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new UnknownPurposeException();
                }
                return rs.getString(1) == null ? Decision.none(personId, purpose) : decision(personId, purpose, rs, 1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Consent decision failed", e);
        }
    }

    /** Decisions in the order of {@code personIds} (duplicates answered once). */
    public List<Decision> decide(List<UUID> personIds, String purpose) {
        Map<UUID, Decision> found = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(BATCH)) {
            select.setArray(1, connection.createArrayOf("uuid", personIds.toArray()));
            select.setString(2, purpose);
            boolean purposeKnown = false;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    purposeKnown = true;
                    UUID personId = rs.getObject(1, UUID.class);
                    if (personId != null) {
                        found.put(personId, decision(personId, purpose, rs, 2));
                    }
                }
            }
            if (!purposeKnown) {
                throw new UnknownPurposeException();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Consent decision failed", e);
        }
        List<Decision> decisions = new ArrayList<>();
        for (UUID personId : new LinkedHashSet<>(personIds)) {
            decisions.add(found.getOrDefault(personId, Decision.none(personId, purpose)));
        }
        return decisions;
    }

    private Decision decision(UUID personId, String purpose, ResultSet rs, int first) throws SQLException {
        java.sql.Timestamp until = rs.getTimestamp(first + 3);
        return Decision.of(
                personId,
                purpose,
                LegalBasis.valueOf(rs.getString(first)),
                ConsentStatus.valueOf(rs.getString(first + 1)),
                rs.getTimestamp(first + 2).toInstant(),
                until == null ? null : until.toInstant(),
                clock.instant());
    }
}
