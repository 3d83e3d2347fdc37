package org.gdprsuite.runtime.crypto;

import java.util.Base64;
import javax.crypto.SecretKey;

import org.gdprsuite.runtime.internal.crypto.Gcm;
import org.gdprsuite.runtime.internal.crypto.MasterKeys;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AES-GCM sealing of values and data keys, without a database. */
@Tag("unit")
class SubjectCipherTest {

    private static final String KEY_A = "oM3LpdtNP5I8YncsdLrYTzr9X8mFu8ROq4Sz0MKswAw=";
    private static final String KEY_B = "MJ9ZWDBbVJlH4ot14Tt8GGOXUURMjBWgLcmASFHF6o0=";

    private final SecretKey key = Gcm.newKey();

    @Test
    void aSealedValueOpensForItsSubjectAndFieldAndShowsNoPlaintext() {
        String sealed = SubjectCipher.seal(key, "person-a", "nationalId", "AB-123456");

        assertTrue(sealed.startsWith("v1."));
        assertFalse(sealed.contains("AB-123456"));
        assertFalse(new String(Base64.getDecoder().decode(sealed.substring(3))).contains("AB-123456"));
        assertEquals("AB-123456", SubjectCipher.open(key, "person-a", "nationalId", sealed));
        assertNotEquals(
                sealed, SubjectCipher.seal(key, "person-a", "nationalId", "AB-123456"), "a fresh nonce each time");
    }

    @Test
    void aValueMovedToAnotherSubjectOrFieldOrAlteredDoesNotOpen() {
        String sealed = SubjectCipher.seal(key, "person-a", "nationalId", "AB-123456");

        assertThrows(TamperedException.class, () -> SubjectCipher.open(key, "person-b", "nationalId", sealed));
        assertThrows(TamperedException.class, () -> SubjectCipher.open(key, "person-a", "bankAccount", sealed));
        assertThrows(TamperedException.class, () -> SubjectCipher.open(Gcm.newKey(), "person-a", "nationalId", sealed));
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length / 2] ^= 1;
        String flipped = "v1." + Base64.getEncoder().encodeToString(bytes);
        assertThrows(TamperedException.class, () -> SubjectCipher.open(key, "person-a", "nationalId", flipped));
        assertThrows(TamperedException.class, () -> SubjectCipher.open(key, "person-a", "nationalId", "AB-123456"));
        assertThrows(
                TamperedException.class, () -> SubjectCipher.open(key, "person-a", "nationalId", "v1.not base64!"));
        assertThrows(TamperedException.class, () -> SubjectCipher.open(key, "person-a", "nationalId", "v1.AAAA"));
    }

    @Test
    void aWrappedDataKeyOpensOnlyForItsSubjectUnderItsMasterKey() {
        MasterKeys keys = MasterKeys.of("a:" + KEY_A + ", b:" + KEY_B, "a");
        MasterKeys.Wrapped wrapped = keys.wrap("person-a", key);

        assertEquals("a", wrapped.masterKeyId());
        assertEquals(key, keys.unwrap("person-a", wrapped));
        assertThrows(TamperedException.class, () -> keys.unwrap("person-b", wrapped));
        assertThrows(
                TamperedException.class, () -> keys.unwrap("person-a", new MasterKeys.Wrapped("b", wrapped.bytes())));
        IllegalStateException retired = assertThrows(
                IllegalStateException.class,
                () -> MasterKeys.of("b:" + KEY_B, null).unwrap("person-a", wrapped));
        assertTrue(retired.getMessage().contains("'a' is not configured"));
    }

    @Test
    void masterKeysAreCheckedAndNeverEchoed() {
        assertEquals("b", MasterKeys.of("b:" + KEY_B, null).activeId(), "a single key is the active one");
        IllegalStateException none = assertThrows(
                IllegalStateException.class, () -> MasterKeys.of(null, null).activeId());
        assertTrue(none.getMessage().contains("GDPR_CRYPTO_MASTER_KEYS"));
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalStateException tooShort =
                assertThrows(IllegalStateException.class, () -> MasterKeys.of("a:" + shortKey, null));
        assertFalse(tooShort.getMessage().contains(shortKey));
        assertThrows(
                IllegalStateException.class,
                () -> MasterKeys.of("a:" + KEY_A + ",b:" + KEY_B, null),
                "which one is active?");
        assertThrows(IllegalStateException.class, () -> MasterKeys.of("a:" + KEY_A, "c"));
        assertThrows(IllegalStateException.class, () -> MasterKeys.of("a b:" + KEY_A, null));
        assertThrows(IllegalStateException.class, () -> MasterKeys.of("a:%%%", null));
    }
}
