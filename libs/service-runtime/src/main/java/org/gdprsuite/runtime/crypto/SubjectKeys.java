package org.gdprsuite.runtime.crypto;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;

import org.gdprsuite.runtime.internal.config.CryptoConfig;
import org.gdprsuite.runtime.internal.crypto.Gcm;
import org.gdprsuite.runtime.internal.crypto.KeyRotation;
import org.gdprsuite.runtime.internal.crypto.MasterKeys;
import org.gdprsuite.runtime.internal.crypto.MasterKeys.Wrapped;
import org.gdprsuite.runtime.internal.crypto.SubjectKeyStore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The data key of each data subject, in the key store shared by the services (datasource {@code keys},
 * table {@code subject_key}): made on first use, stored wrapped by the active master key, destroyed on
 * erasure (crypto-shredding), re-wrapped by a rotation. One key per subject for the whole suite, so that
 * what contact-service seals at rest or in events opens in the services that consume it until the subject
 * is erased, and nowhere after. Keys are cached in memory for {@code gdpr.crypto.data-key-cache};
 * destroying one drops it from this instance's cache at once.
 *
 * <p>The store is reached over its own connection, outside the caller's transaction (one database per
 * service, no distributed transactions): a key is committed when made, and destroyed at once. Keys of a
 * service's former local table are moved into the store at start.
 */
@ApplicationScoped
public class SubjectKeys {

    private static final int CACHE_LIMIT = 20_000;

    @Inject
    SubjectKeyStore store;

    @Inject
    KeyRotation rotation;

    @Inject
    MasterKeys masterKeys;

    @Inject
    CryptoConfig config;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(SecretKey key, long until) {}

    /** What a rotation did: data keys re-wrapped, and how many keys each master key now wraps. */
    public record Rotation(String activeMasterKey, int rewrapped, Map<String, Long> keysPerMasterKey) {}

    /**
     * The subject's data key, made now if they have none; {@link ShreddedException} if it was destroyed.
     * A key made for a caller whose transaction then rolls back stays: it is the one used next time.
     */
    public SecretKey forWriting(String subject) {
        SecretKey cached = cached(subject);
        if (cached != null) {
            return cached;
        }
        Optional<Wrapped> stored = store.load(subject);
        if (stored.isEmpty()) {
            // Two writers may race for a new subject: both insert, one row wins, both then use it.
            store.addIfAbsent(subject, masterKeys.wrap(subject, Gcm.newKey()));
            stored = store.load(subject);
        }
        return unwrap(subject, stored.orElseThrow());
    }

    /** The subject's data key; empty if they never had one or it was destroyed. */
    public Optional<SecretKey> forReading(String subject) {
        SecretKey cached = cached(subject);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Wrapped> stored = store.load(subject);
        if (stored.isEmpty() || stored.get().bytes() == null) {
            return Optional.empty();
        }
        return Optional.of(unwrap(subject, stored.get()));
    }

    /**
     * Crypto-shredding: the subjects' data keys are destroyed at once, for every service. Call it within
     * the erasure's transaction, before its commit: if the key store cannot be reached the erasure fails
     * and is retried; if the erasure fails after, the subjects stay shredded and its retry completes it.
     * Idempotent. A subject without a key yet never gets one afterwards.
     */
    public void destroy(Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return;
        }
        store.destroy(subjects);
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
        int rewrapped = rotation.rewrapAll(active);
        return new Rotation(active, rewrapped, keysPerMasterKey());
    }

    /** How many live data keys each master key wraps ({@code destroyed}: shredded subjects). */
    public Map<String, Long> keysPerMasterKey() {
        return store.keysPerMasterKey();
    }

    private SecretKey unwrap(String subject, Wrapped stored) {
        if (stored.bytes() == null) {
            throw new ShreddedException();
        }
        SecretKey key = masterKeys.unwrap(subject, stored);
        remember(subject, key);
        return key;
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
        cache.put(
                subject,
                new Cached(key, System.nanoTime() + config.dataKeyCache().toNanos()));
    }
}
