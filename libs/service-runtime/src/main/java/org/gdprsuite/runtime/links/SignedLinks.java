package org.gdprsuite.runtime.links;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gdprsuite.runtime.internal.config.LinkKeys;
import org.gdprsuite.runtime.internal.config.LinksConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Tokens of the suite's public links (preference centre, consent confirmation, DSR verification and
 * download, ...): {@code kid.scope.subject.expiry.signature}, HMAC-SHA256 over the first four parts with the
 * key {@code kid} names ({@code gdpr.links.signing-key} under {@code gdpr.links.signing-key-id}, or one of
 * {@code gdpr.links.previous-keys}). A token is valid only for its scope and subject and only until it
 * expires, so a link for person A can never read or change person B. Single use, where needed, is the
 * caller's business (it remembers what was used).
 *
 * <p>New links are signed with the current key; a rolled-out key stays in {@code previous-keys} until the
 * links it signed have expired. Links made before key ids existed ({@code scope.subject.expiry.signature})
 * verify against the current key and the previous ones.
 */
@ApplicationScoped
public class SignedLinks {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    @Inject
    LinksConfig config;

    @Inject
    Clock clock;

    private volatile LinkKeys keys;

    /** What a valid token grants: {@code scope} on {@code subject} until {@code expiresAt}. */
    public record Grant(String scope, String subject, Instant expiresAt) {}

    /** Signs a token granting {@code scope} (e.g. "preferences") on {@code subject} (e.g. a person id) for {@code validity}. */
    public String sign(String scope, String subject, Duration validity) {
        requirePart(scope, "scope");
        requirePart(subject, "subject");
        long expiry = clock.instant().plus(validity).getEpochSecond();
        LinkKeys keys = keys();
        String unsigned = keys.currentId() + "." + encode(scope) + "." + encode(subject) + "." + expiry;
        return unsigned + "." + mac(keys.current(), unsigned);
    }

    /**
     * The grant of {@code token} if it is well-formed, correctly signed, of {@code expectedScope} and not
     * expired; otherwise {@link InvalidLinkException} (one answer for every reason, nothing to probe).
     */
    public Grant verify(String token, String expectedScope) {
        if (token == null || token.length() > 2048) {
            throw new InvalidLinkException();
        }
        String[] parts = token.split("\\.", -1);
        List<byte[]> candidates;
        int first;
        if (parts.length == 5) {
            candidates = keys().byId(parts[0]).map(List::of).orElseThrow(InvalidLinkException::new);
            first = 1;
        } else if (parts.length == 4) {
            candidates = keys().all();
            first = 0;
        } else {
            throw new InvalidLinkException();
        }
        String unsigned = String.join(".", Arrays.copyOfRange(parts, 0, parts.length - 1));
        byte[] signature = parts[parts.length - 1].getBytes(StandardCharsets.US_ASCII);
        boolean signed = false;
        for (byte[] key : candidates) {
            signed |= MessageDigest.isEqual(mac(key, unsigned).getBytes(StandardCharsets.US_ASCII), signature);
        }
        if (!signed) {
            throw new InvalidLinkException();
        }
        try {
            String scope = decode(parts[first]);
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[first + 2]));
            if (!scope.equals(expectedScope) || !clock.instant().isBefore(expiresAt)) {
                throw new InvalidLinkException();
            }
            return new Grant(scope, decode(parts[first + 1]), expiresAt);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidLinkException();
        }
    }

    private LinkKeys keys() {
        LinkKeys loaded = keys;
        if (loaded == null) {
            loaded = LinkKeys.of(config);
            keys = loaded;
        }
        return loaded;
    }

    private static String mac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return ENCODER.encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static String encode(String value) {
        return ENCODER.encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String value) {
        return new String(DECODER.decode(value), StandardCharsets.UTF_8);
    }

    private static void requirePart(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
