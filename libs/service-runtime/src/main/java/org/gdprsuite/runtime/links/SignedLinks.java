package org.gdprsuite.runtime.links;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gdprsuite.runtime.internal.config.LinksConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Tokens of the suite's public links (preference centre, consent confirmation, DSR verification and
 * download, ...): {@code scope.subject.expiry.signature}, HMAC-SHA256 over the first three parts with
 * {@code gdpr.links.signing-key}. A token is valid only for its scope and subject and only until it
 * expires, so a link for person A can never read or change person B. Single use, where needed, is the
 * caller's business (it remembers what was used).
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

    /** What a valid token grants: {@code scope} on {@code subject} until {@code expiresAt}. */
    public record Grant(String scope, String subject, Instant expiresAt) {}

    /** Signs a token granting {@code scope} (e.g. "preferences") on {@code subject} (e.g. a person id) for {@code validity}. */
    public String sign(String scope, String subject, Duration validity) {
        requirePart(scope, "scope");
        requirePart(subject, "subject");
        long expiry = clock.instant().plus(validity).getEpochSecond();
        String unsigned = encode(scope) + "." + encode(subject) + "." + expiry;
        return unsigned + "." + mac(unsigned);
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
        if (parts.length != 4) {
            throw new InvalidLinkException();
        }
        String unsigned = parts[0] + "." + parts[1] + "." + parts[2];
        if (!MessageDigest.isEqual(
                mac(unsigned).getBytes(StandardCharsets.US_ASCII), parts[3].getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidLinkException();
        }
        try {
            String scope = decode(parts[0]);
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            if (!scope.equals(expectedScope) || !clock.instant().isBefore(expiresAt)) {
                throw new InvalidLinkException();
            }
            return new Grant(scope, decode(parts[1]), expiresAt);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidLinkException();
        }
    }

    private String mac(String data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(config.signingKey().getBytes(StandardCharsets.UTF_8), ALGORITHM));
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
