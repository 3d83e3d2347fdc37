package org.gdprsuite.consent.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;

import org.gdprsuite.runtime.db.ArrayColumns;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The ledger's two tables as {@link ConsentLedger} writes them: records appended to {@code consent_record}
 * and current states upserted into {@code consent_state}, one statement per table however many rows.
 */
@ApplicationScoped
class LedgerTables {

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
            INSERT INTO consent_state (record_id, person_id, purpose_key, legal_basis, status, effective_at, valid_until)
            SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                ?::timestamptz[])
            ON CONFLICT (purpose_key, person_id) DO UPDATE SET legal_basis = EXCLUDED.legal_basis,
                status = EXCLUDED.status, effective_at = EXCLUDED.effective_at, valid_until = EXCLUDED.valid_until,
                record_id = EXCLUDED.record_id
            WHERE consent_state.effective_at <= EXCLUDED.effective_at
            RETURNING record_id
            """;

    private static final List<Function<ConsentRecord, Object>> RECORD_COLUMNS = List.of(
            r -> r.id,
            r -> r.personId,
            r -> r.purpose,
            r -> r.legalBasis,
            r -> r.status,
            r -> r.effectiveAt,
            r -> r.validUntil,
            r -> r.recordedAt,
            r -> r.recordedBy,
            r -> r.source,
            r -> r.channel,
            r -> r.noticeVersion,
            r -> r.evidenceIp,
            r -> r.evidenceUserAgent,
            r -> r.evidenceFormId,
            r -> r.eventId);

    /** A state is the first seven columns of its record (the record's id as {@code record_id}). */
    private static final List<Function<ConsentRecord, Object>> STATE_COLUMNS = RECORD_COLUMNS.subList(0, 7);

    @Inject
    DataSource dataSource;

    /** Appends {@code records} and makes {@code states} current where not older; returns the ids of those made current. */
    Set<UUID> write(List<ConsentRecord> records, List<ConsentRecord> states) {
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
}
