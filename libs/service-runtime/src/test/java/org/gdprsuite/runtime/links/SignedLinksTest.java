package org.gdprsuite.runtime.links;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Tag("unit")
class SignedLinksTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static SignedLinks links(String key, Instant now) {
        SignedLinks links = new SignedLinks();
        links.config = () -> key;
        links.clock = Clock.fixed(now, ZoneOffset.UTC);
        return links;
    }

    @Test
    void aSignedTokenGrantsItsScopeAndSubjectUntilItExpires() {
        String token = links("k1", NOW).sign("preferences", "person-a", Duration.ofDays(30));

        SignedLinks.Grant grant = links("k1", NOW.plus(Duration.ofDays(29))).verify(token, "preferences");

        assertEquals("person-a", grant.subject());
        assertEquals(NOW.plus(Duration.ofDays(30)), grant.expiresAt());
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = links("k1", NOW).sign("preferences", "person-a", Duration.ofMinutes(10));
        SignedLinks later = links("k1", NOW.plus(Duration.ofMinutes(10)));

        assertThrows(InvalidLinkException.class, () -> later.verify(token, "preferences"));
    }

    @Test
    void aTokenOfAnotherScopeOrKeyIsRefused() {
        String token = links("k1", NOW).sign("preferences", "person-a", Duration.ofDays(1));

        assertThrows(InvalidLinkException.class, () -> links("k1", NOW).verify(token, "dsr-download"));
        assertThrows(InvalidLinkException.class, () -> links("k2", NOW).verify(token, "preferences"));
    }

    @Test
    void aTamperedSubjectIsRefused() {
        SignedLinks links = links("k1", NOW);
        String token = links.sign("preferences", "person-a", Duration.ofDays(1));
        String other = links.sign("preferences", "person-b", Duration.ofDays(1));
        String[] a = token.split("\\.");
        String[] b = other.split("\\.");
        String swapped = a[0] + "." + b[1] + "." + a[2] + "." + a[3];

        assertThrows(InvalidLinkException.class, () -> links.verify(swapped, "preferences"));
        assertThrows(InvalidLinkException.class, () -> links.verify("garbage", "preferences"));
        assertThrows(InvalidLinkException.class, () -> links.verify(null, "preferences"));
    }
}
