package org.gdprsuite.gateway;

import java.util.List;

import org.gdprsuite.gateway.domain.ClientAddress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Tag("unit")
class ClientAddressUnitTest {

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays() {
        ClientAddress none = new ClientAddress(List.of());
        assertEquals("192.0.2.1", none.resolve("192.0.2.1", List.of("203.0.113.9")));
        assertEquals("127.0.0.1", none.resolve("127.0.0.1", List.of("203.0.113.9")));
    }

    @Test
    void behindTrustedProxiesTheRightmostUntrustedHopIsTheClient() {
        ClientAddress trusted = new ClientAddress(List.of("10.0.0.0/8", "192.0.2.1", "fd00::/8"));
        assertEquals("203.0.113.9", trusted.resolve("10.0.0.5", List.of("198.51.100.1, 203.0.113.9")));
        assertEquals("203.0.113.9", trusted.resolve("192.0.2.1", List.of("198.51.100.1", "203.0.113.9, 10.9.9.9")));
        assertEquals("10.9.9.9", trusted.resolve("192.0.2.1", List.of("10.9.9.9")));
        assertEquals("10.0.0.5", trusted.resolve("10.0.0.5", List.of()));
        assertEquals("10.0.0.6", trusted.resolve("10.0.0.5", List.of("junk, 10.0.0.6")));
        assertEquals("203.0.113.9", trusted.resolve("fd00::1", List.of("::ffff:203.0.113.9")));
        assertEquals("192.0.2.2", trusted.resolve("192.0.2.2", List.of("203.0.113.9")));
    }

    @Test
    void aTrustedProxyThatIsNoAddressIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ClientAddress(List.of("lb.example.org")));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddress(List.of("10.0.0.0/33")));
    }
}
