package org.gdprsuite.erasure.centre;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.erasure.config.ErasureConfig;
import org.gdprsuite.erasure.fanout.ServiceAccountSubjects;
import org.gdprsuite.erasure.intake.VerificationCode;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.crypto.RequestFields;
import org.gdprsuite.runtime.crypto.SubjectKeys;
import org.gdprsuite.runtime.links.InvalidLinkException;
import org.gdprsuite.runtime.links.SignedLinks;
import org.gdprsuite.runtime.outbox.Outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Signing in to the privacy centre by address, as the portal proves one: a six-digit code and a one-time link
 * mailed to it (sealed under a key of the sign-in, destroyed once it is used or expired), valid
 * {@code verification-validity}, the code for {@code verification-attempts} tries. Either proof opens a session
 * bound to the address; the browser holds a random id, the database its hash.
 */
@ApplicationScoped
public class SignIn {

    public static final String LINK_SCOPE = "centre-sign-in";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEYS_PER_PURGE = 100;

    @Inject
    CentreStore store;

    @Inject
    RequestFields fields;

    @Inject
    SubjectKeys keys;

    @Inject
    Outbox outbox;

    @Inject
    SignedLinks links;

    @Inject
    ServiceAccountSubjects subjects;

    @Inject
    ErasureConfig config;

    @Inject
    Clock clock;

    /** A session opened: the cookie's value (random; only its hash is stored). */
    public record Opened(String cookieValue) {}

    /** Mails a code and a link to the address; the same whether or not the suite knows it. Returns the sign-in id. */
    @Transactional
    public UUID start(String address) {
        Instant now = clock.instant();
        destroyExpiredKeys(now);
        UUID id = UUID.randomUUID();
        String code = VerificationCode.newCode(RANDOM);
        store.insertSignIn(
                id,
                address,
                VerificationCode.hash(id, code),
                now.plus(config.erasure().verificationValidity()));
        String link = config.publicBaseUrl() + CentrePage.PATH + "/link?token="
                + links.sign(LINK_SCOPE, id.toString(), config.erasure().verificationValidity());
        NotificationRequested mail = new NotificationRequested(
                "dsr.verification", null, address, null, Map.of("code", code, "verifyLink", link));
        outbox.publish(EventType.NOTIFICATION_REQUESTED, id.toString(), fields.seal(id, mail));
        return id;
    }

    /** The code typed in; every try counts. A session if it proves the address. */
    @Transactional
    public Optional<Opened> byCode(UUID id, String code) {
        Instant now = clock.instant();
        boolean accepted = store.tryCode(id)
                .filter(stored ->
                        VerificationCode.accepts(stored, config.erasure().verificationAttempts(), now, id, code))
                .isPresent();
        return accepted ? opened(id, now) : Optional.empty();
    }

    /** Whether the mailed link still waits for its button; opening it spends nothing (mail scanners follow links). */
    public boolean linkWaiting(String token) {
        return signInOf(token).map(id -> store.waiting(id, clock.instant())).orElse(false);
    }

    /** The button of the page the link opens: a session, once. */
    @Transactional
    public Optional<Opened> byLink(String token) {
        return signInOf(token).flatMap(id -> opened(id, clock.instant()));
    }

    /** The live session behind a cookie's value; empty for none, an expired, revoked or made-up one. */
    public Optional<CentreStore.Session> session(String cookieValue) {
        if (cookieValue == null || !cookieValue.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        return store.liveSession(sha256(cookieValue), clock.instant());
    }

    /** Signing out: the session is revoked at once, whatever the browser keeps. */
    @Transactional
    public void signOut(String cookieValue) {
        if (cookieValue != null) {
            store.revoke(sha256(cookieValue), clock.instant());
        }
    }

    private Optional<Opened> opened(UUID signInId, Instant now) {
        Optional<String> address = store.use(signInId, now);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        keys.destroy(SealedFields.requestSubject(signInId));
        String cookieValue = random();
        // The address is proved: its persons now, on the service's own identity (null if it has none).
        store.insertSession(
                sha256(cookieValue),
                address.get(),
                random(),
                subjects.personIds(address.get()).orElse(null),
                now,
                now.plus(config.erasure().centreSessionValidity()));
        store.deleteEndedBefore(now.minus(config.erasure().centreSessionValidity()));
        return Optional.of(new Opened(cookieValue));
    }

    private Optional<UUID> signInOf(String token) {
        if (token == null || token.length() > 2000) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(links.verify(token, LINK_SCOPE).subject()));
        } catch (InvalidLinkException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The mail keys of sign-ins that expired unused: after them no copy of those mails opens. */
    private void destroyExpiredKeys(Instant now) {
        List<UUID> expired = store.takeExpiredKeys(now, KEYS_PER_PURGE);
        if (!expired.isEmpty()) {
            keys.destroy(expired.stream().map(SealedFields::requestSubject).toList());
        }
    }

    /** 32 random bytes, URL-safe: a session id or an anti-CSRF token. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
