package org.gdprsuite.runtime.links;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class SignedLinksTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static SignedLinks links(String key, Instant now) {
        return links("1", key, null, now);
    }

    private static SignedLinks links(String id, String key, String previousKeys, Instant now) {
        SignedLinks links = new SignedLinks();
        links.config = new FixedLinksConfig(id, key, previousKeys);
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
        String swapped = a[0] + "." + a[1] + "." + b[2] + "." + a[3] + "." + a[4];

        assertThrows(InvalidLinkException.class, () -> links.verify(swapped, "preferences"));
        assertThrows(InvalidLinkException.class, () -> links.verify("garbage", "preferences"));
        assertThrows(InvalidLinkException.class, () -> links.verify(null, "preferences"));
    }

    @Test
    void aLinkCarriesTheIdOfItsKey() {
        String token = links("2026-12", "k-new", null, NOW).sign("preferences", "person-a", Duration.ofDays(1));

        assertTrue(token.startsWith("2026-12."), token);
    }

    @Test
    void linksOfARolledOutKeyStayValidUntilTheyExpire() {
        String old = links("1", "k-old", null, NOW).sign("preferences", "person-a", Duration.ofDays(7));
        SignedLinks rolled = links("2", "k-new", "1:k-old", NOW.plus(Duration.ofDays(1)));

        assertEquals("person-a", rolled.verify(old, "preferences").subject());
        String fresh = rolled.sign("preferences", "person-b", Duration.ofDays(7));
        assertTrue(fresh.startsWith("2."), "new links are signed with the new key");
        assertEquals("person-b", rolled.verify(fresh, "preferences").subject());
        assertThrows(
                InvalidLinkException.class,
                () -> links("1", "k-old", null, NOW).verify(fresh, "preferences"),
                "the old key does not verify the new key's links");
        assertThrows(
                InvalidLinkException.class,
                () -> links("2", "k-new", "1:k-old", NOW.plus(Duration.ofDays(7)))
                        .verify(old, "preferences"),
                "expired, whatever the key");
        assertThrows(
                InvalidLinkException.class,
                () -> links("2", "k-new", null, NOW).verify(old, "preferences"),
                "once the old key is dropped, its links are refused");
    }

    @Test
    void aLinkNamingAnotherKeysIdIsRefused() {
        String token = links("1", "k-old", null, NOW).sign("preferences", "person-a", Duration.ofDays(1));
        String relabelled = "2" + token.substring(token.indexOf('.'));

        assertThrows(
                InvalidLinkException.class,
                () -> links("2", "k-new", "1:k-old", NOW).verify(relabelled, "preferences"));
        assertThrows(
                InvalidLinkException.class,
                () -> links("2", "k-new", "1:k-old", NOW).verify("9" + token.substring(1), "preferences"));
    }

    @Test
    void aLinkMadeBeforeKeyIdsVerifiesWithTheCurrentOrAPreviousKey() {
        String before = legacyToken("k-old", "preferences", "person-a", NOW.plus(Duration.ofDays(1)));

        assertEquals(
                "person-a",
                links("1", "k-old", null, NOW).verify(before, "preferences").subject());
        assertEquals(
                "person-a",
                links("2", "k-new", "1:k-old", NOW)
                        .verify(before, "preferences")
                        .subject());
        assertThrows(
                InvalidLinkException.class, () -> links("2", "k-new", null, NOW).verify(before, "preferences"));
    }

    /** A token as the suite signed them before key ids: scope.subject.expiry.signature. */
    private static String legacyToken(String key, String scope, String subject, Instant expiresAt) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String unsigned = b64.encodeToString(scope.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(subject.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                + expiresAt.getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return unsigned + "."
                    + b64.encodeToString(mac.doFinal(unsigned.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
