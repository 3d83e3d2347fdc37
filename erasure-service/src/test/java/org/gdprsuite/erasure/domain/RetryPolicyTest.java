package org.gdprsuite.erasure.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(30), 5);

    @Test
    void theWaitDoublesWithEachAttemptUpToACap() {
        assertEquals(Duration.ofSeconds(30), policy.backoff(1));
        assertEquals(Duration.ofSeconds(60), policy.backoff(2));
        assertEquals(Duration.ofSeconds(120), policy.backoff(3));
        assertEquals(Duration.ofSeconds(30L << 10), policy.backoff(11));
        assertEquals(Duration.ofSeconds(30L << 10), policy.backoff(40), "capped at 2^10");
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        assertEquals(now.plusSeconds(60), policy.nextRetry(now, 2));
    }

    @Test
    void aTaskIsOutOfAttemptsAfterTheLastOne() {
        assertFalse(policy.exhausted(4));
        assertTrue(policy.exhausted(5));
        assertTrue(policy.exhausted(6));
    }

    @Test
    void aRoundAsksRequestsOfTheirOwnTogetherAndBatchesPerParticipantAndTimesOutTheExhausted() {
        UUID single = UUID.randomUUID();
        UUID batch = UUID.randomUUID();
        UUID inBatch1 = UUID.randomUUID();
        UUID inBatch2 = UUID.randomUUID();
        List<DueTask> due = List.of(
                task(single, "alpha", 1, null),
                task(single, "beta", 2, null),
                task(single, "gamma", 5, null),
                task(inBatch1, "alpha", 1, batch),
                task(inBatch2, "alpha", 3, batch),
                task(inBatch1, "beta", 1, batch));

        RetryPolicy.Plan plan = policy.plan(due);

        assertEquals(
                List.of("gamma"),
                plan.timedOut().stream().map(DueTask::participant).toList());
        assertEquals(
                List.of("alpha", "beta"),
                plan.byRequest().get(single).stream().map(DueTask::participant).toList());
        assertEquals(2, plan.byBatch().size());
        assertEquals(
                List.of(inBatch1, inBatch2),
                plan.byBatch().get(new RetryPolicy.BatchOf(batch, "alpha")).stream()
                        .map(DueTask::requestId)
                        .toList());
        assertEquals(
                List.of(inBatch1),
                plan.byBatch().get(new RetryPolicy.BatchOf(batch, "beta")).stream()
                        .map(DueTask::requestId)
                        .toList());
    }

    private static DueTask task(UUID request, String participant, int attempts, UUID batch) {
        return new DueTask(request, participant, "ERASE", attempts, batch, List.of(UUID.randomUUID()), null);
    }
}
