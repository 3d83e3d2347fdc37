package org.gdprsuite.runtime.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.SecretKey;

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

    /** Seals {@code plaintext} of {@code field} for {@code subject}, in the caller's transaction (may make their key). */
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
