package org.gdprsuite.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * JDBC to the services' databases (dev credentials: role and password = the database name, as ./suite
 * creates them). The bench reads the services' own timestamps from there, so that latencies are the
 * services' and not the polling interval, and bulk-loads fixtures that would take minutes over REST.
 */
public final class Db {

    private static final String HOST = System.getenv().getOrDefault("GDPR_DB_HOST", "127.0.0.1");
    private static final String PORT = System.getenv().getOrDefault("GDPR_DB_PORT", "5432");
    /** PostgreSQL's SQLSTATE of a deadlock's victim. */
    private static final String DEADLOCK = "40P01";

    private Db() {}

    public static Connection connect(String database) {
        try {
            // Batched inserts rewritten into multi-row statements: the fastest plain JDBC can load.
            return DriverManager.getConnection(
                    "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database + "?reWriteBatchedInserts=true",
                    database,
                    database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to database " + database, e);
        }
    }

    /** The single number a query returns (counts, maxima in epoch milliseconds, ...). */
    public static long number(Connection c, String sql, Object... params) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes {@code persons} known to consent-service, as contact.person.created would: it refuses consent events
     * for persons no service announced, and announcing thousands through contact-service is not what is measured.
     */
    public static void announceToConsentService(UUID[] persons) {
        for (int attempt = 1; ; attempt++) {
            try (Connection consent = connect("consent");
                    PreparedStatement s = consent.prepareStatement(
                            "INSERT INTO subject_state (person_id, known) SELECT unnest(?), true"
                                    + " ON CONFLICT (person_id) DO UPDATE SET known = true")) {
                s.setArray(1, consent.createArrayOf("uuid", persons));
                s.executeUpdate();
                return;
            } catch (SQLException e) {
                // Persons created through the gateway are being announced by contact.events at the same moment:
                // PostgreSQL may roll this insert back as a deadlock's victim. Done again, it changes nothing twice.
                if (!DEADLOCK.equals(e.getSQLState()) || attempt == 3) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    public static void execute(Connection c, String sql) {
        try (var s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
