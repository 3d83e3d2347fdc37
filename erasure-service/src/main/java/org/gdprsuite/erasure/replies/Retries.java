package org.gdprsuite.erasure.replies;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.erasure.config.ErasureConfig;
import org.gdprsuite.erasure.domain.AuditTrail;
import org.gdprsuite.erasure.domain.DueTask;
import org.gdprsuite.erasure.domain.RequestStore;
import org.gdprsuite.erasure.domain.RetryPolicy;
import org.gdprsuite.erasure.domain.Sql;
import org.gdprsuite.erasure.domain.TaskKey;
import org.gdprsuite.erasure.domain.TaskStore;
import org.gdprsuite.erasure.fanout.FanOut;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.SubjectIds;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Asks again whoever failed or has not answered, as {@link RetryPolicy} plans it; after the last attempt the task
 * times out and the request is escalated. Then approved requests still waiting for participants fan out, and
 * retention batches nobody owes an answer any more make room for waiting ones.
 */
@ApplicationScoped
public class Retries {

    @Inject
    Sql sql;

    @Inject
    RequestStore requests;

    @Inject
    TaskStore tasks;

    @Inject
    AuditTrail audit;

    @Inject
    FanOut fanOut;

    @Inject
    MeterRegistry metrics;

    @Inject
    ErasureConfig config;

    @Inject
    Clock clock;

    /** Returns how many commands asked again (one per request of its own, one per batch and participant). */
    @Transactional
    public int retryDue() {
        if (!sql.one("SELECT pg_try_advisory_xact_lock(hashtext('dsr-retries'))", rs -> rs.getBoolean(1))
                .orElse(false)) {
            return 0; // another replica is on it
        }
        Instant now = clock.instant();
        RetryPolicy policy = RetryPolicy.of(config.erasure());
        RetryPolicy.Plan plan = policy.plan(tasks.due(now));
        timeOut(plan.timedOut(), now);

        Map<TaskKey, String> commandOf = new LinkedHashMap<>();
        Map<TaskKey, Instant> nextRetryAt = new LinkedHashMap<>();
        plan.byRequest().forEach((requestId, owed) -> {
            DueTask first = owed.get(0);
            String command = fanOut.command(
                            requestId,
                            DsrAction.valueOf(first.action()),
                            new SubjectIds(
                                    first.personIds(), first.email() == null ? List.of() : List.of(first.email())),
                            owed.stream().map(DueTask::participant).toList())
                    .id();
            asked(owed, command, commandOf, nextRetryAt, policy, now);
            audit.record(requestId, AuditTrail.ORCHESTRATOR, "asked again", owed.size() + " participant(s)");
        });
        plan.byBatch().forEach((batch, owed) -> {
            String command = fanOut.batchCommand(
                            batch.batchId(),
                            owed.stream()
                                    .map(t -> FanOut.subject(t.requestId(), t.personIds()))
                                    .toList(),
                            List.of(batch.participant()))
                    .id();
            asked(owed, command, commandOf, nextRetryAt, policy, now);
            audit.record(
                    owed.stream().map(DueTask::requestId).toList(),
                    AuditTrail.ORCHESTRATOR,
                    "asked again",
                    "1 participant(s)");
        });
        if (!commandOf.isEmpty()) {
            tasks.askedAgain(commandOf, nextRetryAt);
        }
        fanOut.waiting();
        fanOut.settleAndDispatch(null);
        return plan.byRequest().size() + plan.byBatch().size();
    }

    /** Asked again in {@code command}: one attempt more, the next retry after its back-off. */
    private static void asked(
            List<DueTask> owed,
            String command,
            Map<TaskKey, String> commandOf,
            Map<TaskKey, Instant> nextRetryAt,
            RetryPolicy policy,
            Instant now) {
        for (DueTask task : owed) {
            commandOf.put(task.key(), command);
            nextRetryAt.put(task.key(), policy.nextRetry(now, task.attempts() + 1));
        }
    }

    /** Out of attempts: the tasks time out and their requests are escalated, once. */
    private void timeOut(List<DueTask> due, Instant now) {
        if (due.isEmpty()) {
            return;
        }
        tasks.timeOut(due.stream().map(DueTask::key).toList());
        audit.recordEach(
                due.stream().map(DueTask::requestId).toList(),
                AuditTrail.ORCHESTRATOR,
                "participant timed out",
                due.stream().map(DueTask::participant).toList());
        List<UUID> escalated = requests.escalate(
                due.stream().map(DueTask::requestId).distinct().toList(), now);
        audit.record(escalated, AuditTrail.ORCHESTRATOR, "escalated", "a participant did not answer");
        metrics.counter("gdpr.dsr.escalations").increment(escalated.size());
    }
}
