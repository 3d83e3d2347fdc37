package org.gdprsuite.runtime.internal.dsr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrBatchCommand;
import org.gdprsuite.events.dsr.DsrBatchReply;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.DsrReply.Outcome;
import org.gdprsuite.events.dsr.ParticipantAnnounced;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.runtime.dsr.DsrParticipant;
import org.gdprsuite.runtime.dsr.SliceResult;
import org.gdprsuite.runtime.outbox.Outbox;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * DSR participation, shared by every service: runs the service's {@link DsrParticipant} once per command
 * ({@link DsrCommandsConsumer} reads them from {@code dsr.commands}), and answers on {@code dsr.replies}. The effect, the
 * reply (through the outbox) and the remembered reply commit in one transaction; a redelivered command
 * is answered again with the remembered reply and changes nothing. Exports have no effect and are not
 * remembered (that would keep a copy of the subject's data): a redelivered export is simply answered anew.
 * An exported slice travels sealed to the command's key ({@link ReplySealing}), never in clear.
 *
 * <p>A batch command (a retention sweep's chunk, {@link DsrBatchCommand}) is handled the same way for all its
 * subjects at once: one transaction, {@link DsrParticipant#eraseAll}, one reply with an outcome per request. If
 * the batch fails as a whole, its subjects are erased one by one, so one subject that fails does not hold back
 * the others. Single erasure commands that arrive together (many requests approved at once) are erased together
 * the same way, each still answered with a reply of its own.
 */
@ApplicationScoped
public class DsrCommandHandler {

    private static final Logger LOG = Logger.getLogger(DsrCommandHandler.class);

    @Inject
    Instance<DsrParticipant> participants;

    @Inject
    Outbox outbox;

    @Inject
    SliceRun slices;

    @Inject
    RememberedReplies remembered;

    @Inject
    MeterRegistry metrics;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.application.name")
    String name;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "0")
    String version;

    /** Tells the orchestrator, at every start, that this service holds a slice and which actions it answers. */
    void announce(@Observes StartupEvent event) {
        if (participants.isResolvable()) {
            DsrParticipant participant = participants.get();
            QuarkusTransaction.requiringNew()
                    .run(() -> outbox.publish(
                            EventType.DSR_PARTICIPANT_ANNOUNCED,
                            name,
                            new ParticipantAnnounced(
                                    name, version, participant.slice(), List.copyOf(participant.actions()))));
        }
    }

    /** A single command as received: its event id and what it asks. */
    public record Received(String id, DsrCommand command) {}

    /**
     * Erases the subjects of several erasure commands in one transaction ({@link DsrParticipant#eraseAll}), each
     * answered as {@link #handle} would answer it: a redelivered command (or a copy in the same run) with the same
     * reply and no second effect, a closed request's failed without effect. If they fail together, each is handled
     * alone. Public for the tests of participants.
     */
    public List<DsrReply> handleErasures(List<Received> commands) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> eraseAll(commands));
        } catch (RuntimeException e) {
            LOG.warnf(
                    "%d DSR erasures failed together (%s); handling them one by one",
                    commands.size(), e.getClass().getName());
            return commands.stream()
                    .map(c -> handle(c.id(), DsrAction.ERASE, c.command()))
                    .toList();
        }
    }

    private List<DsrReply> eraseAll(List<Received> commands) throws Exception {
        DsrParticipant participant = participants.get();
        Map<String, DsrReply> replyTo = new HashMap<>();
        remembered
                .find(commands.stream().map(Received::id).toList())
                .forEach((id, stored) -> replyTo.put(id, remembered.read(stored, DsrReply.class)));
        Map<String, Received> fresh = new LinkedHashMap<>();
        commands.stream().filter(c -> !replyTo.containsKey(c.id())).forEach(c -> fresh.putIfAbsent(c.id(), c));
        Map<String, SubjectIds> opened = new LinkedHashMap<>();
        for (Received c : fresh.values()) {
            slices.subject(c.command())
                    .ifPresentOrElse(
                            subject -> opened.put(c.id(), subject),
                            () -> replyTo.put(c.id(), toReply(c, SliceRun.closed())));
        }
        List<SliceResult> results = opened.isEmpty() ? List.of() : participant.eraseAll(List.copyOf(opened.values()));
        if (results.size() != opened.size()) {
            throw new IllegalStateException("eraseAll answered " + results.size() + " of " + opened.size());
        }
        Iterator<SliceResult> result = results.iterator();
        for (String id : opened.keySet()) {
            Received c = fresh.get(id);
            SliceResult outcome = result.next();
            DsrReply reply = toReply(c, outcome);
            if (outcome.outcome() != Outcome.FAILED) {
                remembered.remember(id, c.command().requestId(), reply);
            }
            if (outcome.outcome() == Outcome.DONE) {
                participant.carriedOut(
                        c.command().requestId(), DsrAction.ERASE, c.command().subject());
            }
            replyTo.put(id, reply);
        }
        // Every copy is answered, as one at a time would have been; the first of a fresh command counts its outcome.
        List<DsrReply> answered = new ArrayList<>();
        for (Received c : commands) {
            DsrReply reply = replyTo.get(c.id());
            reply(reply);
            count(
                    DsrAction.ERASE,
                    fresh.remove(c.id()) != null ? reply.outcome().name().toLowerCase() : "replayed");
            answered.add(reply);
        }
        return answered;
    }

    private DsrReply toReply(Received command, SliceResult result) {
        return toReply(command.id(), DsrAction.ERASE, command.command().requestId(), result);
    }

    /** Runs one command, or replays its remembered reply. Public for the tests of participants (slice in clear). */
    public DsrReply handle(String commandId, DsrAction action, DsrCommand command) {
        DsrParticipant participant = participants.get();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                String stored = remembered.find(List.of(commandId)).get(commandId);
                if (stored != null) {
                    DsrReply replay = remembered.read(stored, DsrReply.class);
                    count(action, "replayed");
                    reply(replay);
                    return replay;
                }
                SliceResult result = slices.perform(participant, action, command);
                DsrReply reply = toReply(commandId, action, command.requestId(), result);
                if (action != DsrAction.EXPORT && result.outcome() != Outcome.FAILED) {
                    remembered.remember(commandId, command.requestId(), reply);
                }
                if (action != DsrAction.EXPORT && result.outcome() == Outcome.DONE) {
                    participant.carriedOut(command.requestId(), action, command.subject());
                }
                reply(ReplySealing.onTheBus(reply, command.sealingKey(), json));
                count(action, result.outcome().name().toLowerCase());
                return reply;
            });
        } catch (RuntimeException e) {
            // The effect rolled back; the failure is answered in a transaction of its own so the orchestrator can
            // retry.
            LOG.warnf(
                    "DSR %s for request %s failed: %s",
                    action, command.requestId(), e.getClass().getName());
            DsrReply failed = toReply(
                    commandId,
                    action,
                    command.requestId(),
                    SliceResult.failed("participant error: " + e.getClass().getSimpleName()));
            QuarkusTransaction.requiringNew().run(() -> reply(failed));
            count(action, "failed");
            return failed;
        }
    }

    /** Erases every subject of a batch, or replays the remembered reply. Public for the tests of participants. */
    public DsrBatchReply handleBatch(String commandId, DsrBatchCommand command) {
        DsrParticipant participant = participants.get();
        List<SubjectIds> subjects = command.subjects().stream()
                .map(DsrBatchCommand.Subject::subject)
                .toList();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                String stored = remembered.find(List.of(commandId)).get(commandId);
                if (stored != null) {
                    DsrBatchReply reply = remembered.read(stored, DsrBatchReply.class);
                    count(DsrAction.ERASE, "replayed");
                    outbox.publish(EventType.DSR_BATCH_REPLY, reply.batchId().toString(), reply);
                    return reply;
                }
                List<SliceResult> results = participant.actions().contains(DsrAction.ERASE)
                        ? participant.eraseAll(subjects)
                        : subjects.stream()
                                .map(s -> SliceResult.failed("ERASE is not supported by this participant"))
                                .toList();
                if (results.size() != subjects.size()) {
                    throw new IllegalStateException("eraseAll answered " + results.size() + " of " + subjects.size());
                }
                return answerBatch(commandId, command, results);
            });
        } catch (RuntimeException e) {
            // The batch rolled back as a whole: each subject on its own now, then one reply for all.
            LOG.warnf(
                    "DSR erasure batch %s failed as a whole (%s); erasing its subjects one by one",
                    command.batchId(), e.getClass().getName());
            List<SliceResult> results = subjects.stream()
                    .map(subject -> eraseAlone(participant, subject))
                    .toList();
            return QuarkusTransaction.requiringNew().call(() -> answerBatch(commandId, command, results));
        }
    }

    private SliceResult eraseAlone(DsrParticipant participant, SubjectIds subject) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> participant.erase(subject));
        } catch (RuntimeException e) {
            return SliceResult.failed("participant error: " + e.getClass().getSimpleName());
        }
    }

    private DsrBatchReply answerBatch(String commandId, DsrBatchCommand command, List<SliceResult> results)
            throws Exception {
        List<DsrBatchReply.SubjectOutcome> outcomes = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            SliceResult result = results.get(i);
            outcomes.add(new DsrBatchReply.SubjectOutcome(
                    command.subjects().get(i).requestId(), result.outcome(), result.legalReason(), result.error()));
            count(DsrAction.ERASE, result.outcome().name().toLowerCase());
        }
        DsrBatchReply reply = new DsrBatchReply(command.batchId(), commandId, DsrAction.ERASE, name, outcomes);
        // Failed subjects are asked again by the orchestrator with a new command; this one is answered for good.
        remembered.remember(commandId, command.batchId(), reply);
        outbox.publish(EventType.DSR_BATCH_REPLY, command.batchId().toString(), reply);
        return reply;
    }

    private DsrReply toReply(String commandId, DsrAction action, UUID requestId, SliceResult result) {
        JsonNode slice = result.data() == null ? null : json.valueToTree(result.data());
        return new DsrReply(
                requestId, commandId, action, name, result.outcome(), result.legalReason(), result.error(), slice);
    }

    private void reply(DsrReply reply) {
        outbox.publish(EventType.DSR_REPLY, reply.requestId().toString(), reply);
    }

    private void count(DsrAction action, String outcome) {
        metrics.counter("gdpr.dsr.commands", "action", action.name(), "outcome", outcome)
                .increment();
    }
}
