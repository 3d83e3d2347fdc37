package org.gdprsuite.runtime.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * Seals data to the public key of one data-subject request, so that only the holder of its private key (the
 * orchestrator) opens it, and nobody once that key is destroyed (the request closed): export slices on
 * {@code dsr.replies}, its topic history and dead letters included. HPKE (RFC 9180, Bouncy Castle) in base mode
 * with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-256-GCM; a fresh ephemeral key per sealed value. Text form
 * {@code hpke1.<base64url encapsulated key>.<base64url ciphertext and tag>}. The context (e.g. request and
 * participant) is the associated data: a sealed value moved to another request or participant does not open.
 */
public final class RequestSeal {

    private static final String PREFIX = "hpke1.";
    private static final byte[] INFO = "gdpr-suite request seal v1".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private RequestSeal() {}

    /** A request's key pair: the public key as text (it travels on commands), the private key's 32 bytes. */
    public record KeyPair(String publicKey, byte[] privateKey) {}

    /** A new X25519 key pair for one request. */
    public static KeyPair newKeyPair() {
        HPKE hpke = hpke();
        AsymmetricCipherKeyPair pair = hpke.generatePrivateKey();
        return new KeyPair(
                ENCODE.encodeToString(hpke.serializePublicKey(pair.getPublic())),
                hpke.serializePrivateKey(pair.getPrivate()));
    }

    /** Seals {@code plaintext} to a request's public key; {@link IllegalArgumentException} if that is no key. */
    public static String seal(String publicKey, String context, byte[] plaintext) {
        HPKE hpke = hpke();
        AsymmetricKeyParameter recipient;
        try {
            recipient = hpke.deserializePublicKey(DECODE.decode(publicKey));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a request's public key");
        }
        try {
            byte[][] sealed = hpke.seal(recipient, INFO, aad(context), plaintext, null, null, null);
            return PREFIX + ENCODE.encodeToString(sealed[1]) + "." + ENCODE.encodeToString(sealed[0]);
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "could not seal to this key: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The plaintext of a value sealed to {@code key} in {@code context}; {@link TamperedException} if it is not
     * sealed, was altered, or was sealed to another key or context.
     */
    public static byte[] open(KeyPair key, String context, String sealed) {
        if (!isSealed(sealed)) {
            throw new TamperedException();
        }
        String[] parts = sealed.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 2) {
            throw new TamperedException();
        }
        HPKE hpke = hpke();
        try {
            AsymmetricCipherKeyPair pair = hpke.deserializePrivateKey(key.privateKey(), DECODE.decode(key.publicKey()));
            return hpke.open(
                    DECODE.decode(parts[0]), pair, INFO, aad(context), DECODE.decode(parts[1]), null, null, null);
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new TamperedException();
        }
    }

    /** The context of an export slice: sealed for one request by one participant. */
    public static String sliceContext(UUID requestId, String participant) {
        return "dsr.slice\n" + requestId + "\n" + participant;
    }

    /** Whether a value is in the sealed form of this class. */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    private static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    }

    private static byte[] aad(String context) {
        return ("request-seal\n" + context).getBytes(StandardCharsets.UTF_8);
    }
}
