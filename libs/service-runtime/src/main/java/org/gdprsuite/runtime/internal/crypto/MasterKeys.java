package org.gdprsuite.runtime.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;

import org.gdprsuite.runtime.internal.config.CryptoConfig;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The master keys that wrap the data keys of subjects ({@link SubjectKeys}), from
 * {@code gdpr.crypto.master-keys} ({@code id:base64,id:base64}, each 32 random bytes, e.g.
 * {@code openssl rand -base64 32}); new data keys are wrapped by {@code gdpr.crypto.active-master-key}.
 * Older keys stay listed until a rotation has re-wrapped everything they wrapped. Only the dev and test
 * profiles have a default; a service with {@code gdpr.crypto.enabled=true} refuses to start without keys.
 */
@ApplicationScoped
public class MasterKeys {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,50}");

    @Inject
    CryptoConfig config;

    private Map<String, SecretKey> keys;
    private String active;

    /** The master key id and the data key wrapped by it. */
    public record Wrapped(String masterKeyId, byte[] bytes) {}

    public static MasterKeys of(String keys, String active) {
        MasterKeys masterKeys = new MasterKeys();
        masterKeys.load(Optional.ofNullable(keys), Optional.ofNullable(active));
        return masterKeys;
    }

    /** Fails the start of a service that encrypts, rather than its first write. */
    void checkAtStart(@Observes StartupEvent start) {
        if (config.enabled()) {
            activeId();
        }
    }

    @PostConstruct
    void init() {
        load(config.masterKeys(), config.activeMasterKey());
    }

    private void load(Optional<String> configuredKeys, Optional<String> configuredActive) {
        String spec = configuredKeys.filter(s -> !s.isBlank()).orElse(null);
        if (spec == null) {
            return;
        }
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] parts = entry.strip().split(":", 2);
            if (parts.length != 2 || !ID.matcher(parts[0]).matches()) {
                throw new IllegalStateException(
                        "gdpr.crypto.master-keys must be a list of id:base64-key (ids of letters, digits, - or _)");
            }
            try {
                parsed.put(parts[0], Gcm.key(Base64.getDecoder().decode(parts[1].strip())));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("gdpr.crypto.master-keys: key '" + parts[0]
                        + "' must be 32 random bytes in base64 (openssl rand -base64 32)");
            }
        }
        String activeKey = configuredActive
                .filter(s -> !s.isBlank())
                .orElse(parsed.size() == 1 ? parsed.keySet().iterator().next() : null);
        if (activeKey == null || !parsed.containsKey(activeKey)) {
            throw new IllegalStateException(
                    "gdpr.crypto.active-master-key must name one of the keys of gdpr.crypto.master-keys");
        }
        keys = Collections.unmodifiableMap(parsed);
        active = activeKey;
    }

    /** The id of the key new data keys are wrapped by. */
    public String activeId() {
        if (keys == null) {
            throw new IllegalStateException(
                    "No master key: set gdpr.crypto.master-keys (GDPR_CRYPTO_MASTER_KEYS, from a secret)"
                            + " to id:base64-key with 32 random bytes (openssl rand -base64 32).");
        }
        return active;
    }

    public Set<String> ids() {
        activeId();
        return keys.keySet();
    }

    public Wrapped wrap(String subject, SecretKey dataKey) {
        String id = activeId();
        return new Wrapped(id, Gcm.seal(keys.get(id), dataKey.getEncoded(), aad(subject, id)));
    }

    public SecretKey unwrap(String subject, Wrapped wrapped) {
        activeId();
        SecretKey master = keys.get(wrapped.masterKeyId());
        if (master == null) {
            throw new IllegalStateException(
                    "Master key '" + wrapped.masterKeyId()
                            + "' is not configured: keep it in gdpr.crypto.master-keys until a rotation re-wrapped its data keys.");
        }
        return Gcm.key(Gcm.open(master, wrapped.bytes(), aad(subject, wrapped.masterKeyId())));
    }

    /** A wrapped key opens only for its subject (no swapping key rows) and under the master key it names. */
    private static byte[] aad(String subject, String masterKeyId) {
        return ("subject-key\n" + subject + "\n" + masterKeyId).getBytes(StandardCharsets.UTF_8);
    }
}
