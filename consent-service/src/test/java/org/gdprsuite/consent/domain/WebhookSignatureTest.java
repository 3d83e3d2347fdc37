package org.gdprsuite.consent.domain;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@Tag("unit")
class WebhookSignatureTest {

    @Test
    void theSignatureIsAnHmacOverTimestampAndBody() {
        // HMAC-SHA256("key", "1700000000.{}"), computed independently (openssl dgst -sha256 -hmac key).
        String signature = WebhookSignature.sign("key", 1_700_000_000L, "{}");
        assertEquals("v1=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae", signature);
        assertNotEquals(signature, WebhookSignature.sign("key", 1_700_000_001L, "{}"));
        assertNotEquals(signature, WebhookSignature.sign("other", 1_700_000_000L, "{}"));
    }

    @Test
    void retriesWaitTwiceAsLongEachTimeUpToTheMaximum() {
        Duration initial = Duration.ofSeconds(30);
        Duration max = Duration.ofMinutes(3);
        assertEquals(Duration.ofSeconds(30), WebhookSignature.backoff(1, initial, max));
        assertEquals(Duration.ofSeconds(60), WebhookSignature.backoff(2, initial, max));
        assertEquals(Duration.ofSeconds(120), WebhookSignature.backoff(3, initial, max));
        assertEquals(max, WebhookSignature.backoff(4, initial, max));
        assertEquals(max, WebhookSignature.backoff(40, initial, max));
    }
}
