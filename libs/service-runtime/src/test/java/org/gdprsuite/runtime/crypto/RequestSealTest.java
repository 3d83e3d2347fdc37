package org.gdprsuite.runtime.crypto;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class RequestSealTest {

    private static final byte[] SLICE = "{\"iban\":\"NL91ABNA0417164300\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensWithTheRequestsKeyInItsContextAndShowsNothingInClear() {
        RequestSeal.KeyPair key = RequestSeal.newKeyPair();
        String sealed = RequestSeal.seal(key.publicKey(), "req-1\nalpha", SLICE);
        assertTrue(RequestSeal.isSealed(sealed));
        assertFalse(sealed.contains("NL91"), sealed);
        assertNotEquals(sealed, RequestSeal.seal(key.publicKey(), "req-1\nalpha", SLICE), "a fresh key every time");
        assertArrayEquals(SLICE, RequestSeal.open(key, "req-1\nalpha", sealed));
    }

    @Test
    void refusesAnAlteredValue() {
        RequestSeal.KeyPair key = RequestSeal.newKeyPair();
        String sealed = RequestSeal.seal(key.publicKey(), "ctx", SLICE);
        int at = sealed.lastIndexOf('.') + 10; // inside the ciphertext: all six bits of the character count
        char flipped = sealed.charAt(at) == 'A' ? 'B' : 'A';
        String altered = sealed.substring(0, at) + flipped + sealed.substring(at + 1);
        assertThrows(TamperedException.class, () -> RequestSeal.open(key, "ctx", altered));
        assertThrows(TamperedException.class, () -> RequestSeal.open(key, "ctx", sealed.substring(0, 40)));
        assertThrows(TamperedException.class, () -> RequestSeal.open(key, "ctx", "{\"iban\":\"NL91\"}"));
        assertThrows(TamperedException.class, () -> RequestSeal.open(key, "ctx", null));
    }

    @Test
    void refusesAnotherKeyOrContext() {
        RequestSeal.KeyPair key = RequestSeal.newKeyPair();
        RequestSeal.KeyPair other = RequestSeal.newKeyPair();
        String sealed = RequestSeal.seal(key.publicKey(), "req-1\nalpha", SLICE);
        assertThrows(TamperedException.class, () -> RequestSeal.open(other, "req-1\nalpha", sealed));
        assertThrows(TamperedException.class, () -> RequestSeal.open(key, "req-2\nalpha", sealed));
        assertThrows(TamperedException.class, () -> RequestSeal.open(key, "req-1\nbeta", sealed));
    }

    @Test
    void refusesToSealToSomethingThatIsNoKey() {
        assertThrows(IllegalArgumentException.class, () -> RequestSeal.seal("not-a-key", "ctx", SLICE));
        assertThrows(IllegalArgumentException.class, () -> RequestSeal.seal("", "ctx", SLICE));
    }
}
