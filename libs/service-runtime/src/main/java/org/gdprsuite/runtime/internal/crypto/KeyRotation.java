package org.gdprsuite.runtime.internal.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.crypto.SecretKey;

import org.gdprsuite.runtime.internal.crypto.MasterKeys.Wrapped;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Re-wraps the data keys in the key store by the active master key, batch by batch. */
@ApplicationScoped
public class KeyRotation {

    static final int BATCH = 500;

    @Inject
    SubjectKeyStore store;

    @Inject
    MasterKeys masterKeys;

    /**
     * Re-wraps every data key that is not under {@code active} (and whose master key is still configured), in
     * batches of their own transactions; safe to run again or alongside the services. Returns how many.
     */
    public int rewrapAll(String active) {
        int total = 0;
        int batch;
        do {
            batch = rewrapBatch(active);
            total += batch;
        } while (batch > 0);
        return total;
    }

    private int rewrapBatch(String active) {
        int count = 0;
        try (Connection connection = store.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT subject_id, wrapped_key, master_key_id FROM subject_key
                    WHERE master_key_id <> ? AND master_key_id = ANY(?)
                    ORDER BY subject_id LIMIT ? FOR UPDATE SKIP LOCKED
                    """);
                    PreparedStatement update = connection.prepareStatement(
                            "UPDATE subject_key SET wrapped_key = ?, master_key_id = ?, rotated_at = now() WHERE subject_id = ?")) {
                select.setString(1, active);
                select.setArray(
                        2, connection.createArrayOf("varchar", masterKeys.ids().toArray()));
                select.setInt(3, BATCH);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String subject = rows.getString(1);
                        SecretKey dataKey =
                                masterKeys.unwrap(subject, new Wrapped(rows.getString(3), rows.getBytes(2)));
                        Wrapped rewrapped = masterKeys.wrap(subject, dataKey);
                        update.setBytes(1, rewrapped.bytes());
                        update.setString(2, rewrapped.masterKeyId());
                        update.setString(3, subject);
                        update.addBatch();
                        count++;
                    }
                }
                if (count > 0) {
                    update.executeBatch();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not re-wrap data keys", e);
        }
        return count;
    }
}
