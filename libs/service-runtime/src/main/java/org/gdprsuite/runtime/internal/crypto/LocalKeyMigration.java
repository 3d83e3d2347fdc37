package org.gdprsuite.runtime.internal.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import org.gdprsuite.runtime.internal.config.CryptoConfig;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * Moves the keys of the service's former local {@code subject_key} table (before the shared store) into
 * the store, at start and before anything is sealed; a destroyed key stays destroyed. Repeatable: rows
 * are deleted locally only once they are in the store.
 */
@ApplicationScoped
public class LocalKeyMigration {

    private static final Logger LOG = Logger.getLogger(LocalKeyMigration.class);

    /** The service's own database, only to move keys of its former local table into the store. */
    @Inject
    DataSource local;

    @Inject
    SubjectKeyStore store;

    @Inject
    CryptoConfig config;

    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) StartupEvent start) {
        moveLocalKeys();
    }

    /** Moves what is left in the local table, if the service encrypts; returns how many keys. */
    public int moveLocalKeys() {
        if (!config.enabled()) {
            return 0;
        }
        int moved = 0;
        int batch;
        do {
            batch = moveBatch();
            moved += batch;
        } while (batch > 0);
        if (moved > 0) {
            LOG.infof("Moved %d data keys from the service's database into the key store", moved);
        }
        return moved;
    }

    private int moveBatch() {
        List<String> subjects = new ArrayList<>();
        try (Connection from = local.getConnection();
                Connection to = store.dataSource().getConnection();
                PreparedStatement select = from.prepareStatement("""
                        SELECT subject_id, wrapped_key, master_key_id, created_at, rotated_at, destroyed_at
                        FROM subject_key ORDER BY subject_id LIMIT ?
                        """);
                PreparedStatement upsert = to.prepareStatement("""
                        INSERT INTO subject_key (subject_id, wrapped_key, master_key_id, created_at, rotated_at, destroyed_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (subject_id) DO UPDATE SET wrapped_key = NULL, master_key_id = NULL,
                            destroyed_at = EXCLUDED.destroyed_at
                        WHERE EXCLUDED.destroyed_at IS NOT NULL AND subject_key.destroyed_at IS NULL
                        """);
                PreparedStatement delete = from.prepareStatement("DELETE FROM subject_key WHERE subject_id = ANY(?)")) {
            select.setInt(1, KeyRotation.BATCH);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    subjects.add(rows.getString(1));
                    for (int column = 1; column <= 6; column++) {
                        upsert.setObject(column, rows.getObject(column));
                    }
                    upsert.addBatch();
                }
            }
            if (!subjects.isEmpty()) {
                upsert.executeBatch();
                delete.setArray(1, from.createArrayOf("varchar", subjects.toArray()));
                delete.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not move data keys into the key store", e);
        }
        return subjects.size();
    }
}
