package org.gdprsuite.runtime.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache's own rules, on a clock the test moves: what is kept, for how long, and how many. */
@Tag("unit")
class VerifiedTokensTest {

    private final SteppedClock clock = new SteppedClock();
    private final VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofSeconds(60), clock);

    @Test
    void keepsAVerifiedIdentityForExactlyThatToken() {
        SecurityIdentity sales = identity(Map.of("exp", inSeconds(300)));
        tokens.put("token-a", sales);
        assertSame(sales, tokens.get("token-a"));
        assertNull(tokens.get("token-b"));
        assertNull(tokens.get("token-a-but-longer"));
    }

    @Test
    void forgetsItWhenTheTokenExpires() {
        tokens.put("short", identity(Map.of("exp", inSeconds(30))));
        clock.advance(Duration.ofSeconds(29));
        assertNotNull(tokens.get("short"));
        clock.advance(Duration.ofSeconds(1));
        assertNull(tokens.get("short"), "expired: verification must decide again");
        assertEquals(0, tokens.size());
    }

    @Test
    void forgetsItAfterTheMaximumAgeEvenIfTheTokenLivesLonger() {
        tokens.put("long", identity(Map.of("exp", inSeconds(3_600))));
        clock.advance(Duration.ofSeconds(59));
        assertNotNull(tokens.get("long"));
        clock.advance(Duration.ofSeconds(1));
        assertNull(tokens.get("long"), "past the maximum age: verified again (key or realm may have changed)");
    }

    @Test
    void keepsNoTokenWithoutExpiryNorOneBoundToASender() {
        tokens.put("no-exp", identity(Map.of()));
        tokens.put("expired", identity(Map.of("exp", inSeconds(0))));
        tokens.put("sender-bound", identity(Map.of("exp", inSeconds(300), "cnf", Map.of("jkt", "thumbprint"))));
        assertNull(tokens.get("no-exp"));
        assertNull(tokens.get("expired"));
        assertNull(tokens.get("sender-bound"));
    }

    @Test
    void staysBounded() {
        for (int i = 0; i < 1_000; i++) {
            tokens.put("token-" + i, identity(Map.of("exp", inSeconds(300))));
        }
        assertTrue(tokens.size() <= 100, "size " + tokens.size());
        assertNotNull(tokens.get("token-999"), "the newest is kept");
    }

    private long inSeconds(long seconds) {
        return clock.instant().plusSeconds(seconds).getEpochSecond();
    }

    private static SecurityIdentity identity(Map<String, Object> claims) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new Jwt(claims))
                .addRole("sales")
                .build();
    }

    /** Stands still until moved (tokens' exp is in whole seconds). */
    private static final class SteppedClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** A verified token's claims, as quarkus-oidc's principal gives them. */
    private record Jwt(Map<String, Object> claims) implements JsonWebToken {
        @Override
        public String getName() {
            return "sales";
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return (T) claims.get(claimName);
        }
    }
}
