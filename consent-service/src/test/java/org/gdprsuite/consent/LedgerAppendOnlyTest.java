package org.gdprsuite.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import org.gdprsuite.consent.domain.ConsentLedger;
import org.gdprsuite.consent.domain.ConsentLedger.Entry;
import org.gdprsuite.consent.domain.ConsentLedger.Evidence;
import org.gdprsuite.consent.domain.ConsentRecord;
import org.gdprsuite.consent.domain.ConsentSource;
import org.gdprsuite.consent.domain.ConsentStatus;
import org.gdprsuite.consent.domain.LegalBasis;
import org.gdprsuite.consent.domain.SubjectStates;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import static org.gdprsuite.consent.ConsentFixtures.purpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's claim that the ledger is append-only, enforced by PostgreSQL: UPDATE, DELETE and TRUNCATE are
 * refused, even for the service's own database user; only erasing the evidence is allowed. Each attempt runs
 * in a transaction that is rolled back, so a broken rule could not damage the ledger of the other tests.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class LedgerAppendOnlyTest {

    @Inject
    ConsentLedger ledger;

    @Inject
    DataSource dataSource;

    @Inject
    SubjectStates subjects;

    @Test
    void updateDeleteAndTruncateAreRefusedErasingTheEvidenceIsNot() throws SQLException {
        purpose("append-only-news", true, null, null);
        UUID person = UUID.randomUUID();
        subjects.known(List.of(person)); // as contact.events announces a person: the ledger takes no orphans
        ConsentRecord record = ledger.record(new Entry(
                person,
                "append-only-news",
                LegalBasis.CONSENT,
                ConsentStatus.GRANTED,
                null,
                ConsentSource.WEB_FORM,
                "web",
                null,
                new Evidence("192.0.2.44", "Firefox", "signup"),
                "append-only-test",
                null));
        String id = "'" + record.id + "'";

        assertRefused("UPDATE consent_record SET status = 'WITHDRAWN' WHERE id = " + id);
        assertRefused("UPDATE consent_record SET evidence_ip = '198.51.100.1' WHERE id = " + id);
        assertRefused("DELETE FROM consent_record WHERE id = " + id);
        // CASCADE, so that the foreign key of consent_state is not what refuses it.
        assertRefused("TRUNCATE consent_record CASCADE");

        assertEquals(
                1,
                inTransaction("UPDATE consent_record SET evidence_ip = NULL, evidence_user_agent = NULL, "
                        + "evidence_form_id = NULL WHERE id = " + id),
                "erasing the evidence is the one change allowed");
        assertEquals("GRANTED|192.0.2.44", statusAndIp(record.id), "the record is as it was recorded");
    }

    private void assertRefused(String sql) {
        SQLException refused = assertThrows(SQLException.class, () -> inTransaction(sql), sql);
        assertTrue(refused.getMessage().contains("append-only"), sql + ": " + refused.getMessage());
    }

    /** Runs {@code sql} and rolls it back, whatever happens. */
    private int inTransaction(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                // TRUNCATE waits for an exclusive lock: never for long behind the service's own work.
                statement.execute("SET LOCAL lock_timeout = '10s'");
                return statement.executeUpdate(sql);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private String statusAndIp(UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT status, evidence_ip FROM consent_record WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1) + "|" + row.getString(2);
            }
        }
    }
}
