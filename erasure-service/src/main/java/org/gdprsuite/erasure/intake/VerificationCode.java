package org.gdprsuite.erasure.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The code that proves a portal request's address: six digits, stored only as a hash bound to the request, good
 * for a few tries until it expires. Pure, so its rules are tested without a database.
 */
public final class VerificationCode {

    private VerificationCode() {}

    /** The stored side of a code: its hash, its expiry, and the tries made so far, this one included. */
    public record Stored(String codeSha256, Instant expiresAt, int attempts) {}

    public static String newCode(RandomGenerator random) {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    /** The code's hash, bound to the request so that a code of one request proves nothing for another. */
    public static String hash(UUID requestId, String code) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest((requestId + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether this try proves the address: within the allowed tries, before expiry, the right code. */
    public static boolean accepts(Stored stored, int maxAttempts, Instant now, UUID requestId, String code) {
        return stored.attempts() <= maxAttempts
                && now.isBefore(stored.expiresAt())
                && MessageDigest.isEqual(
                        hash(requestId, code).getBytes(StandardCharsets.US_ASCII),
                        stored.codeSha256().getBytes(StandardCharsets.US_ASCII));
    }
}
