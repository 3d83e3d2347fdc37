package org.gdprsuite.runtime.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;

import org.gdprsuite.runtime.internal.crypto.Gcm;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Seals personal values with their subject's data key (AES-256-GCM) for storage or events, as text
 * {@code v1.<base64 of nonce, ciphertext and tag>}. The AAD is the subject and the field, so a value
 * copied to another row or field does not open. Once the subject's key is destroyed, no copy of a value
 * sealed for them (row, backup, event, outbox remnant) opens again.
 */
@ApplicationScoped
@Unremovable // also looked up programmatically (e.g. from a field catalogue enum)
public class SubjectCipher {

    private static final String PREFIX = "v1.";

    @Inject
    SubjectKeys keys;

    /** Seals {@code plaintext} of {@code field} for {@code subject} (may make their key); {@link ShreddedException} once erased. */
    public String seal(String subject, String field, String plaintext) {
        return seal(keys.forWriting(subject), subject, field, plaintext);
    }

    /**
     * The plaintext of a sealed value, or empty if the subject's key was destroyed; {@link TamperedException}
     * if it was altered or belongs to another subject or field.
     */
    public Optional<String> open(String subject, String field, String sealed) {
        return keys.forReading(subject).map(key -> open(key, subject, field, sealed));
    }

    /**
     * A personal value as another service sent it (an event field) or as a consumer keeps it: opened if
     * sealed; empty if absent or if the subject was erased (their key destroyed), which the caller treats as
     * erased data. A value that is not sealed (an event published before sealing) is returned as it is.
     */
    public Optional<String> openReceived(String subject, String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        return isSealed(value) ? open(subject, field, value) : Optional.of(value);
    }

    /**
     * What a consumer keeps of a received personal value: sealed under the subject's key (as received, or
     * sealed now if it came in plaintext from before sealing), so that erasure shreds the consumer's copy
     * too; null if there is none or the subject was erased (nothing personal is kept, nothing fails).
     */
    public String keepReceived(String subject, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (isSealed(value)) {
                return open(subject, field, value).isPresent() ? value : null;
            }
            return seal(subject, field, value);
        } catch (ShreddedException erased) {
            return null;
        }
    }

    /** Whether a value is in the sealed form this class produces. */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    static String seal(SecretKey key, String subject, String field, String plaintext) {
        byte[] sealed = Gcm.seal(key, plaintext.getBytes(StandardCharsets.UTF_8), aad(subject, field));
        return PREFIX + Base64.getEncoder().encodeToString(sealed);
    }

    static String open(SecretKey key, String subject, String field, String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new TamperedException();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new TamperedException();
        }
        return new String(Gcm.open(key, bytes, aad(subject, field)), StandardCharsets.UTF_8);
    }

    private static byte[] aad(String subject, String field) {
        return ("field\n" + subject + "\n" + field).getBytes(StandardCharsets.UTF_8);
    }
}
