package org.gdprsuite.consent.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook notice to a recipient is signed: HMAC-SHA256 under the recipient's key over
 * {@code <timestamp>.<body>} (the timestamp in epoch seconds, sent in {@link #TIMESTAMP_HEADER}), hex-encoded in
 * {@link #SIGNATURE_HEADER} as {@code v1=<hex>}. The receiver recomputes it over the raw body and refuses old
 * timestamps, so a captured call cannot be replayed later.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Gdpr-Suite-Signature";
    public static final String TIMESTAMP_HEADER = "X-Gdpr-Suite-Timestamp";

    private WebhookSignature() {}

    /** The value of {@link #SIGNATURE_HEADER} for {@code body} sent at {@code epochSeconds}. */
    public static String sign(String secret, long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The wait after the {@code attempts}-th failed attempt: {@code initial}, doubled each time, at most {@code max}. */
    public static Duration backoff(int attempts, Duration initial, Duration max) {
        Duration wait = initial;
        for (int i = 1; i < attempts && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
