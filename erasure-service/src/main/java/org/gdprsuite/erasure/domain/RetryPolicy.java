package org.gdprsuite.erasure.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.erasure.config.ErasureConfig;

/**
 * When a participant is asked again: after {@code retryAfter}, doubling with each attempt (capped at 2^10), until
 * {@code maxAttempts} were made; then its task times out. Pure: the same for a single request and a batch.
 */
public record RetryPolicy(Duration retryAfter, int maxAttempts) {

    /** A batch's tasks owed by one participant: asked again in one command. */
    public record BatchOf(UUID batchId, String participant) {}

    /** What a round of retries does with the due tasks. */
    public record Plan(
            List<DueTask> timedOut, Map<UUID, List<DueTask>> byRequest, Map<BatchOf, List<DueTask>> byBatch) {}

    public static RetryPolicy of(ErasureConfig.Erasure config) {
        return new RetryPolicy(config.retryAfter(), config.maxAttempts());
    }

    /** The wait after the {@code attempts}-th attempt. */
    public Duration backoff(int attempts) {
        return retryAfter.multipliedBy(1L << Math.min(Math.max(attempts, 1) - 1, 10));
    }

    public Instant nextRetry(Instant now, int attempts) {
        return now.plus(backoff(attempts));
    }

    /** No attempt is left after {@code attempts}. */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }

    /**
     * Sorts due tasks: those out of attempts time out; the others are asked again, a request of its own in one
     * command to all it still waits for, a batch's in one command per participant for what that one still owes.
     */
    public Plan plan(List<DueTask> due) {
        List<DueTask> timedOut = new ArrayList<>();
        Map<UUID, List<DueTask>> byRequest = new LinkedHashMap<>();
        Map<BatchOf, List<DueTask>> byBatch = new LinkedHashMap<>();
        for (DueTask task : due) {
            if (exhausted(task.attempts())) {
                timedOut.add(task);
            } else if (task.batchId() == null) {
                byRequest
                        .computeIfAbsent(task.requestId(), k -> new ArrayList<>())
                        .add(task);
            } else {
                byBatch.computeIfAbsent(new BatchOf(task.batchId(), task.participant()), k -> new ArrayList<>())
                        .add(task);
            }
        }
        return new Plan(timedOut, byRequest, byBatch);
    }
}
