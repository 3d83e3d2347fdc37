package org.gdprsuite.runtime.internal.config;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The current and previous keys of the signed links, read from gdpr.links.*. */
@Tag("unit")
class LinkKeysTest {

    @Test
    void theCurrentKeySignsAndEveryKeyVerifiesCurrentFirst() {
        LinkKeys keys = LinkKeys.of("2", "new", LinkKeys.previous(Optional.of("1:old=, 0:older")));

        assertEquals("2", keys.currentId());
        assertArrayEquals(bytes("new"), keys.current());
        assertArrayEquals(bytes("old="), keys.byId("1").orElseThrow(), "base64 padding stays part of the key");
        assertEquals(
                List.of("new", "old=", "older"),
                keys.all().stream().map(LinkKeysTest::text).toList());
        assertTrue(keys.byId("9").isEmpty());
    }

    @Test
    void previousKeysAreOptional() {
        assertEquals(Map.of(), LinkKeys.previous(Optional.empty()));
        assertEquals(Map.of(), LinkKeys.previous(Optional.of(" ")));
    }

    @Test
    void malformedIdsAndListsAreRefused() {
        assertThrows(IllegalStateException.class, () -> LinkKeys.of("a.b", "k", Map.of()), "a dot ends the id");
        assertThrows(IllegalStateException.class, () -> LinkKeys.previous(Optional.of("1:a,1:b")), "one id twice");
        assertThrows(IllegalStateException.class, () -> LinkKeys.previous(Optional.of("1:")), "no key");
        assertThrows(IllegalStateException.class, () -> LinkKeys.of("1", "k", Map.of("1", "old")), "the current id");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
