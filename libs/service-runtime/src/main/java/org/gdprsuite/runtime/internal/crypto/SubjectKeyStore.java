package org.gdprsuite.runtime.internal.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

import org.gdprsuite.runtime.internal.config.CryptoConfig;
import org.gdprsuite.runtime.internal.crypto.MasterKeys.Wrapped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The table {@code subject_key} of the key store shared by the services (datasource {@code keys}), one row
 * per subject: the data key wrapped by a master key, or a tombstone once destroyed. Each call commits on
 * its own connection, outside the caller's transaction.
 */
@ApplicationScoped
public class SubjectKeyStore {

    /** Looked up on use: services that do not encrypt have the store inactive. */
    @Inject
    @io.quarkus.agroal.DataSource("keys")
    InjectableInstance<AgroalDataSource> store;

    @Inject
    CryptoConfig config;

    /** The store; {@link IllegalStateException} in a service that does not encrypt. */
    public DataSource dataSource() {
        if (!config.enabled()) {
            throw new IllegalStateException(
                    "This service does not encrypt: set gdpr.crypto.enabled=true to reach the key store.");
        }
        return store.get();
    }

    /** The stored key of a subject: bytes null if destroyed. */
    public Optional<Wrapped> load(String subject) {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT master_key_id, wrapped_key FROM subject_key WHERE subject_id = ?")) {
            statement.setString(1, subject);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(new Wrapped(row.getString(1), row.getBytes(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a data key", e);
        }
    }

    /** Stores the subject's first key; if another writer stored one first (or it was destroyed), that row stays. */
    public void addIfAbsent(String subject, Wrapped wrapped) {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO subject_key (subject_id, wrapped_key, master_key_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, subject);
            insert.setBytes(2, wrapped.bytes());
            insert.setString(3, wrapped.masterKeyId());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store a data key", e);
        }
    }

    /** Destroys the subjects' keys; a subject without a key yet gets a tombstone: no key is ever made for them afterwards. */
    public void destroy(Collection<String> subjects) {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        INSERT INTO subject_key (subject_id, destroyed_at) SELECT s, now() FROM unnest(?) AS s
                        ON CONFLICT (subject_id) DO UPDATE SET wrapped_key = NULL, master_key_id = NULL, destroyed_at = now()
                        WHERE subject_key.destroyed_at IS NULL
                        """)) {
            statement.setArray(1, connection.createArrayOf("varchar", subjects.toArray()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not destroy data keys", e);
        }
    }

    /** How many live data keys each master key wraps ({@code destroyed}: shredded subjects). */
    public Map<String, Long> keysPerMasterKey() {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT coalesce(master_key_id, 'destroyed'), count(*) FROM subject_key GROUP BY 1");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count data keys", e);
        }
        return counts;
    }
}
