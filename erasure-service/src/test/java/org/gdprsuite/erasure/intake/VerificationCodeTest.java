package org.gdprsuite.erasure.intake;

import java.time.Instant;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** README: a portal code works for five tries and until it expires; then it is spent. */
@Tag("unit")
class VerificationCodeTest {

    private static final int TRIES = 5;
    private final UUID request = UUID.randomUUID();
    private final String code = VerificationCode.newCode(new Random(7));
    private final Instant now = Instant.parse("2026-12-03T10:00:00Z");
    private final Instant expiresAt = now.plusSeconds(600);

    @Test
    void aCodeIsSixDigits() {
        assertTrue(code.matches("\\d{6}"), code);
        assertTrue(VerificationCode.newCode(new Random(0) {
                    @Override
                    public int nextInt(int bound) {
                        return 42;
                    }
                })
                .equals("000042"));
    }

    @Test
    void theRightCodeWorksWithinItsTries() {
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            assertTrue(VerificationCode.accepts(stored(attempt), TRIES, now, request, code), "try " + attempt);
        }
    }

    @Test
    void theCodeIsSpentAfterFiveWrongTries() {
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            assertFalse(VerificationCode.accepts(stored(attempt), TRIES, now, request, wrong()), "try " + attempt);
        }
        assertFalse(VerificationCode.accepts(stored(TRIES + 1), TRIES, now, request, code), "the right code, too late");
    }

    @Test
    void theCodeIsSpentOnceExpired() {
        assertTrue(VerificationCode.accepts(stored(1), TRIES, expiresAt.minusMillis(1), request, code));
        assertFalse(VerificationCode.accepts(stored(1), TRIES, expiresAt, request, code));
        assertFalse(VerificationCode.accepts(stored(1), TRIES, expiresAt.plusSeconds(60), request, code));
    }

    @Test
    void aCodeProvesOnlyItsOwnRequest() {
        assertFalse(VerificationCode.accepts(stored(1), TRIES, now, UUID.randomUUID(), code));
    }

    private VerificationCode.Stored stored(int attempts) {
        return new VerificationCode.Stored(VerificationCode.hash(request, code), expiresAt, attempts);
    }

    private String wrong() {
        return "000000".equals(code) ? "111111" : "000000";
    }
}
