package org.gdprsuite.runtime.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;
import javax.sql.DataSource;

import org.gdprsuite.runtime.internal.config.CryptoConfig;
import org.gdprsuite.runtime.internal.crypto.Gcm;
import org.gdprsuite.runtime.internal.crypto.MasterKeys;
import org.gdprsuite.runtime.internal.crypto.MasterKeys.Wrapped;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * The data key of each data subject, in the key store shared by the services (datasource {@code keys},
 * table {@code subject_key}): made on first use, stored wrapped by the active master key, destroyed on
 * erasure (crypto-shredding), re-wrapped by a rotation. One key per subject for the whole suite, so that
 * what contact-service seals at rest or in events opens in the services that consume it until the subject
 * is erased, and nowhere after. Keys are cached in memory for {@code gdpr.crypto.data-key-cache};
 * destroying one drops it from this instance's cache at once.
 *
 * <p>The store is reached over its own connection, outside the caller's transaction (one database per
 * service, no distributed transactions): a key is committed when made, and destroyed at once.
 */
@ApplicationScoped
public class SubjectKeys {

    private static final Logger LOG = Logger.getLogger(SubjectKeys.class);
    private static final int ROTATION_BATCH = 500;
    private static final int CACHE_LIMIT = 20_000;

    /** Looked up on use: services that do not encrypt have the store inactive. */
    @Inject
    @io.quarkus.agroal.DataSource("keys")
    InjectableInstance<AgroalDataSource> store;

    /** The service's own database, only to move keys of its former local table into the store. */
    @Inject
    DataSource local;

    @Inject
    MasterKeys masterKeys;

    @Inject
    CryptoConfig config;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(SecretKey key, long until) {
    }

    /** What a rotation did: data keys re-wrapped, and how many keys each master key now wraps. */
    public record Rotation(String activeMasterKey, int rewrapped, Map<String, Long> keysPerMasterKey) {
    }

    /**
     * The subject's data key, made now if they have none; {@link ShreddedException} if it was destroyed.
     * A key made for a caller whose transaction then rolls back stays: it is the one used next time.
     */
    public SecretKey forWriting(String subject) {
        SecretKey cached = cached(subject);
        if (cached != null) {
            return cached;
        }
        Optional<Wrapped> stored = load(subject);
        if (stored.isEmpty()) {
            Wrapped wrapped = masterKeys.wrap(subject, Gcm.newKey());
            // Two writers may race for a new subject: both insert, one row wins, both then use it.
            try (Connection connection = store().getConnection(); PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO subject_key (subject_id, wrapped_key, master_key_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, subject);
                insert.setBytes(2, wrapped.bytes());
                insert.setString(3, wrapped.masterKeyId());
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not store a data key", e);
            }
            stored = load(subject);
        }
        return unwrap(subject, stored.orElseThrow());
    }

    /** The subject's data key; empty if they never had one or it was destroyed. */
    public Optional<SecretKey> forReading(String subject) {
        SecretKey cached = cached(subject);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Wrapped> stored = load(subject);
        if (stored.isEmpty() || stored.get().bytes() == null) {
            return Optional.empty();
        }
        return Optional.of(unwrap(subject, stored.get()));
    }

    /**
     * Crypto-shredding: the subjects' data keys are destroyed at once, for every service. Call it within
     * the erasure's transaction, before its commit: if the key store cannot be reached the erasure fails
     * and is retried; if the erasure fails after, the subjects stay shredded and its retry completes it.
     * Idempotent.
     */
    public void destroy(Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return;
        }
        try (Connection connection = store().getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        INSERT INTO subject_key (subject_id, destroyed_at) SELECT s, now() FROM unnest(?) AS s
                        ON CONFLICT (subject_id) DO UPDATE SET wrapped_key = NULL, master_key_id = NULL, destroyed_at = now()
                        WHERE subject_key.destroyed_at IS NULL
                        """)) {
            // A subject without a key yet gets a tombstone: no key is ever made for them afterwards.
            statement.setArray(1, connection.createArrayOf("varchar", subjects.toArray()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not destroy data keys", e);
        }
        subjects.forEach(cache::remove);
    }

    public void destroy(String subject) {
        destroy(List.of(subject));
    }

    /** Drops a subject's key from this instance's cache (a consumer told of their erasure by an event). */
    public void forget(String subject) {
        cache.remove(subject);
    }

    /**
     * Re-wraps every data key that is not under the active master key (and whose master key is still
     * configured), in batches of their own transactions; safe to run again or alongside the services.
     */
    public Rotation rotate() {
        String active = masterKeys.activeId();
        int total = 0;
        int batch;
        do {
            batch = rewrapBatch(active);
            total += batch;
        } while (batch > 0);
        return new Rotation(active, total, keysPerMasterKey());
    }

    /** How many live data keys each master key wraps ({@code destroyed}: shredded subjects). */
    public Map<String, Long> keysPerMasterKey() {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = store().getConnection();
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

    /**
     * Moves the keys of the service's former local {@code subject_key} table (before the shared store) into
     * the store, at start and before anything is sealed; a destroyed key stays destroyed. Repeatable: rows
     * are deleted locally only once they are in the store.
     */
    void moveLocalKeys(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) StartupEvent start) {
        if (!config.enabled()) {
            return;
        }
        int moved = 0;
        int batch;
        do {
            batch = moveLocalBatch();
            moved += batch;
        } while (batch > 0);
        if (moved > 0) {
            LOG.infof("Moved %d data keys from the service's database into the key store", moved);
        }
    }

    private int moveLocalBatch() {
        List<String> subjects = new ArrayList<>();
        try (Connection from = local.getConnection();
                Connection to = store().getConnection();
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
            select.setInt(1, ROTATION_BATCH);
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

    private int rewrapBatch(String active) {
        int count = 0;
        try (Connection connection = store().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT subject_id, wrapped_key, master_key_id FROM subject_key
                    WHERE master_key_id <> ? AND master_key_id = ANY(?)
                    ORDER BY subject_id LIMIT ? FOR UPDATE SKIP LOCKED
                    """);
                    PreparedStatement update = connection.prepareStatement(
                            "UPDATE subject_key SET wrapped_key = ?, master_key_id = ?, rotated_at = now() WHERE subject_id = ?")) {
                select.setString(1, active);
                select.setArray(2, connection.createArrayOf("varchar", masterKeys.ids().toArray()));
                select.setInt(3, ROTATION_BATCH);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String subject = rows.getString(1);
                        SecretKey dataKey = masterKeys.unwrap(subject, new Wrapped(rows.getString(3), rows.getBytes(2)));
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

    /** The stored key of a subject: bytes null if destroyed. */
    private Optional<Wrapped> load(String subject) {
        try (Connection connection = store().getConnection();
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

    private SecretKey unwrap(String subject, Wrapped stored) {
        if (stored.bytes() == null) {
            throw new ShreddedException();
        }
        SecretKey key = masterKeys.unwrap(subject, stored);
        remember(subject, key);
        return key;
    }

    private DataSource store() {
        if (!config.enabled()) {
            throw new IllegalStateException("This service does not encrypt: set gdpr.crypto.enabled=true to reach the key store.");
        }
        return store.get();
    }

    private SecretKey cached(String subject) {
        Cached cached = cache.get(subject);
        if (cached == null || cached.until() < System.nanoTime()) {
            return null;
        }
        return cached.key();
    }

    /** Only stored keys are cached (the store commits at once). */
    private void remember(String subject, SecretKey key) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(subject, new Cached(key, System.nanoTime() + config.dataKeyCache().toNanos()));
    }
}
