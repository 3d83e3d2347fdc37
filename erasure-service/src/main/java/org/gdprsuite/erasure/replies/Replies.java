package org.gdprsuite.erasure.replies;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.gdprsuite.erasure.config.ErasureConfig;
import org.gdprsuite.erasure.domain.Answer;
import org.gdprsuite.erasure.domain.AuditTrail;
import org.gdprsuite.erasure.domain.Notices;
import org.gdprsuite.erasure.domain.Request;
import org.gdprsuite.erasure.domain.RequestStatus;
import org.gdprsuite.erasure.domain.RequestStore;
import org.gdprsuite.erasure.domain.RetryPolicy;
import org.gdprsuite.erasure.domain.Rules;
import org.gdprsuite.erasure.domain.TaskKey;
import org.gdprsuite.erasure.domain.TaskStore;
import org.gdprsuite.erasure.export.Exports;
import org.gdprsuite.erasure.export.SealedSlices;
import org.gdprsuite.erasure.fanout.FanOut;
import org.gdprsuite.events.dsr.DsrBatchReply;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.DsrReply.Outcome;

import com.fasterxml.jackson.databind.node.TextNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The participants' answers, a single reply or a batch reply alike: each task is done, held or failed (then retried)
 * once, so replays and duplicates change nothing; the requests every participant has answered are completed, an
 * export assembled for access and portability, and the person told.
 */
@ApplicationScoped
public class Replies {

    @Inject
    RequestStore requests;

    @Inject
    TaskStore tasks;

    @Inject
    AuditTrail audit;

    @Inject
    Notices notices;

    @Inject
    Exports exports;

    @Inject
    FanOut fanOut;

    @Inject
    SealedSlices slices;

    @Inject
    ErasureConfig config;

    @Inject
    Clock clock;

    /**
     * Single replies that came together (a poll's), with the effect of answering them one by one, in order: a
     * statement per table for a run of them. A slice not sealed to its request's open key is refused: the answer
     * counts as failed and is asked again.
     */
    @Transactional
    public void replied(List<DsrReply> replies) {
        List<Answer> run = new ArrayList<>();
        Set<TaskKey> inRun = new HashSet<>();
        for (DsrReply reply : replies) {
            // The same task twice (a copy, or failed and answered after): the second in a run of its own, after.
            if (!inRun.add(new TaskKey(reply.requestId(), reply.participant()))) {
                apply(run);
                run = new ArrayList<>();
                inRun.clear();
                inRun.add(new TaskKey(reply.requestId(), reply.participant()));
            }
            run.add(answer(reply));
        }
        if (!run.isEmpty()) {
            apply(run);
        }
    }

    private Answer answer(DsrReply reply) {
        Optional<String> refused = slices.refusal(reply);
        Outcome outcome = refused.isPresent() ? Outcome.FAILED : reply.outcome();
        String text = refused.orElse(
                outcome == Outcome.HELD ? reply.legalReason() : outcome == Outcome.FAILED ? reply.error() : null);
        TextNode sealed =
                refused.isPresent() || reply.sealedSlice() == null ? null : TextNode.valueOf(reply.sealedSlice());
        return new Answer(reply.requestId(), reply.participant(), outcome, text, sealed);
    }

    /** One participant's answer for a batch; a batch nobody owes an answer any more frees its slot. */
    @Transactional
    public void replied(DsrBatchReply reply) {
        apply(reply.outcomes().stream()
                .map(o -> new Answer(
                        o.requestId(),
                        reply.participant(),
                        o.outcome(),
                        o.outcome() == Outcome.HELD
                                ? o.legalReason()
                                : o.outcome() == Outcome.FAILED ? o.error() : null,
                        null))
                .toList());
        fanOut.settleAndDispatch(reply.batchId());
    }

    private void apply(List<Answer> answers) {
        Instant now = clock.instant();
        Map<TaskKey, Answer> byTask = new LinkedHashMap<>();
        answers.forEach(a -> byTask.putIfAbsent(new TaskKey(a.requestId(), a.participant()), a));
        Map<Boolean, List<Answer>> failing =
                answers.stream().collect(Collectors.partitioningBy(a -> a.outcome() == Outcome.FAILED));

        List<TaskKey> answered = failing.get(false).isEmpty() ? List.of() : tasks.answer(failing.get(false), now);
        for (Outcome outcome : List.of(Outcome.DONE, Outcome.HELD)) {
            auditEach(
                    answered.stream()
                            .filter(k -> byTask.get(k).outcome() == outcome)
                            .toList(),
                    "participant " + outcome.name().toLowerCase(),
                    k -> byTask.get(k).text());
        }
        if (!failing.get(true).isEmpty()) {
            RetryPolicy policy = RetryPolicy.of(config.erasure());
            Map<TaskKey, Integer> failed = tasks.fail(failing.get(true));
            Map<TaskKey, Instant> retryAt = new LinkedHashMap<>();
            failed.forEach((key, attempts) -> retryAt.put(key, policy.nextRetry(now, attempts)));
            tasks.retryAt(retryAt);
            auditEach(List.copyOf(failed.keySet()), "participant failed", k -> "will retry");
        }
        if (!answered.isEmpty()) {
            complete(requests.completeAnswered(
                    answered.stream().map(TaskKey::requestId).toList(), now));
        }
    }

    private void complete(List<Request> completed) {
        exports.assemble(completed.stream().filter(r -> Rules.exports(r.type())).toList());
        for (RequestStatus status : List.of(RequestStatus.COMPLETED, RequestStatus.PARTIALLY_COMPLETED)) {
            audit.record(
                    completed.stream()
                            .filter(r -> r.status() == status)
                            .map(Request::id)
                            .toList(),
                    AuditTrail.ORCHESTRATOR,
                    status.name().toLowerCase(),
                    null);
        }
        completed.forEach(notices::completed);
    }

    /** One audit line per task, by the participant that answered. */
    private void auditEach(List<TaskKey> keys, String action, Function<TaskKey, String> detail) {
        keys.stream()
                .collect(Collectors.groupingBy(TaskKey::participant, LinkedHashMap::new, Collectors.toList()))
                .forEach((participant, of) -> audit.recordEach(
                        of.stream().map(TaskKey::requestId).toList(),
                        participant,
                        action,
                        of.stream().map(detail).toList()));
    }
}
