package org.gdprsuite.runtime.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.runtime.crypto.MasterKeys.Wrapped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * The data key of each data subject (table {@code subject_key}): made on first use, stored wrapped by
 * the active master key, destroyed on erasure (crypto-shredding), re-wrapped by a rotation. Keys are
 * cached in memory for {@code gdpr.crypto.data-key-cache} once their row is committed; destroying one
 * drops it from this instance's cache at once.
 */
@ApplicationScoped
public class SubjectKeys {

    private static final int ROTATION_BATCH = 500;
    private static final int CACHE_LIMIT = 20_000;

    @Inject
    DataSource dataSource;

    @Inject
    MasterKeys masterKeys;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @ConfigProperty(name = "gdpr.crypto.data-key-cache", defaultValue = "PT1M")
    Duration cacheFor;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(SecretKey key, long until) {
    }

    /** What a rotation did: data keys re-wrapped, and how many keys each master key now wraps. */
    public record Rotation(String activeMasterKey, int rewrapped, Map<String, Long> keysPerMasterKey) {
    }

    /** The subject's data key, made now if they have none; {@link ShreddedException} if it was destroyed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public SecretKey forWriting(String subject) {
        SecretKey cached = cached(subject);
        if (cached != null) {
            return cached;
        }
        Optional<Wrapped> stored = load(subject);
        if (stored.isEmpty()) {
            Wrapped wrapped = masterKeys.wrap(subject, Gcm.newKey());
            // Two writers may race for a new subject: both insert, one row wins, both then use it.
            update("INSERT INTO subject_key (subject_id, wrapped_key, master_key_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    subject, wrapped.bytes(), wrapped.masterKeyId());
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

    /** Crypto-shredding: the subjects' data keys are destroyed with the caller's transaction. Idempotent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void destroy(Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        UPDATE subject_key SET wrapped_key = NULL, master_key_id = NULL, destroyed_at = now()
                        WHERE subject_id = ANY(?) AND destroyed_at IS NULL
                        """)) {
            statement.setArray(1, connection.createArrayOf("varchar", subjects.toArray()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not destroy data keys", e);
        }
        subjects.forEach(cache::remove);
        // A reader of this instance may have cached a key again before the commit.
        transactions.registerInterposedSynchronization(afterCommit(() -> subjects.forEach(cache::remove)));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void destroy(String subject) {
        destroy(List.of(subject));
    }

    /**
     * Re-wraps every data key that is not under the active master key (and whose master key is still
     * configured), in batches of their own transactions; safe to run again or alongside the service.
     */
    public Rotation rotate() {
        String active = masterKeys.activeId();
        int total = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> rewrapBatch(active));
            total += batch;
        } while (batch > 0);
        return new Rotation(active, total, keysPerMasterKey());
    }

    /** How many live data keys each master key wraps ({@code destroyed}: shredded subjects). */
    public Map<String, Long> keysPerMasterKey() {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
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

    private int rewrapBatch(String active) {
        int count = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
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
        } catch (SQLException e) {
            throw new IllegalStateException("Could not re-wrap data keys", e);
        }
        return count;
    }

    /** The stored key of a subject: bytes null if destroyed. */
    private Optional<Wrapped> load(String subject) {
        try (Connection connection = dataSource.getConnection();
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

    private void update(String sql, String subject, byte[] wrapped, String masterKeyId) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, subject);
            statement.setBytes(2, wrapped);
            statement.setString(3, masterKeyId);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store a data key", e);
        }
    }

    private SecretKey cached(String subject) {
        Cached cached = cache.get(subject);
        if (cached == null || cached.until() < System.nanoTime()) {
            return null;
        }
        return cached.key();
    }

    /** Only committed keys are cached: a key made by a transaction that rolls back must never be used. */
    private void remember(String subject, SecretKey key) {
        Runnable put = () -> {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(subject, new Cached(key, System.nanoTime() + cacheFor.toNanos()));
        };
        if (transactions.getTransactionKey() == null) {
            put.run();
        } else {
            transactions.registerInterposedSynchronization(afterCommit(put));
        }
    }

    private static Synchronization afterCommit(Runnable action) {
        return new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        };
    }
}
