package org.gdprsuite.runtime.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Identities of bearer tokens that were verified, by the full token string: a client sends the same token
 * for minutes, and verifying it again (JSON parsing, base64, the signature) was most of the cost of a call.
 * <p>
 * Only successes are kept, and never beyond the token's {@code exp} nor {@code maxAge} after the
 * verification (so a key or realm change is honoured within that time). A token without {@code exp}, or
 * bound to a sender ({@code cnf}: its proof must be checked on every request), is not kept. Bounded: when
 * full, ended entries are dropped first, then others.
 */
public final class VerifiedTokens {

    private record Entry(SecurityIdentity identity, Instant until) {}

    private final int maxSize;
    private final Duration maxAge;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    public VerifiedTokens(int maxSize, Duration maxAge, Clock clock) {
        this.maxSize = maxSize;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The identity verified for exactly this token, or null when there is none still valid. */
    public SecurityIdentity get(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (!clock.instant().isBefore(entry.until())) {
            entries.remove(token, entry);
            return null;
        }
        return entry.identity();
    }

    /** Keeps the identity that verification gave for this token (if the token allows it, see the class). */
    public void put(String token, SecurityIdentity identity) {
        if (maxSize <= 0
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || jwt.containsClaim("cnf")
                || !(jwt.getClaim(Claims.exp.name()) instanceof Number exp)) {
            return;
        }
        Instant now = clock.instant();
        Instant until = Instant.ofEpochSecond(exp.longValue());
        if (until.isAfter(now.plus(maxAge))) {
            until = now.plus(maxAge);
        }
        if (!now.isBefore(until)) {
            return;
        }
        if (entries.size() >= maxSize) {
            makeRoom(now);
        }
        entries.put(token, new Entry(identity, until));
    }

    public int size() {
        return entries.size();
    }

    private void makeRoom(Instant now) {
        entries.values().removeIf(e -> !now.isBefore(e.until()));
        // Still full of live tokens: drop a tenth, any, rather than scanning again on every put.
        Iterator<String> any = entries.keySet().iterator();
        for (int drop = entries.size() - maxSize * 9 / 10; drop > 0 && any.hasNext(); drop--) {
            any.next();
            any.remove();
        }
    }
}
