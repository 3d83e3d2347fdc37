package org.gdprsuite.runtime.internal.dsr;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
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
import org.gdprsuite.runtime.internal.db.DatabaseOutage;
import org.gdprsuite.runtime.outbox.Outbox;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * The Kafka side of DSR participation, shared by every service: consumes {@code dsr.commands}, runs the
 * service's {@link DsrParticipant} once per command, and answers on {@code dsr.replies}. The effect, the
 * reply (through the outbox) and the remembered reply commit in one transaction; a redelivered command
 * is answered again with the remembered reply and changes nothing. Exports have no effect and are not
 * remembered (that would keep a copy of the subject's data): a redelivered export is simply answered anew.
 * An exported slice travels sealed to the command's key ({@link ReplySealing}), never in clear.
 *
 * <p>A batch command (a retention sweep's chunk, {@link DsrBatchCommand}) is handled the same way for all its
 * subjects at once: one transaction, {@link DsrParticipant#eraseAll}, one reply with an outcome per request. If
 * the batch fails as a whole, its subjects are erased one by one, so one subject that fails does not hold back
 * the others.
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
    DataSource dataSource;

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

    @Incoming("dsr-commands")
    @Blocking(ordered = true)
    public CompletionStage<Void> onCommand(Message<String> message) {
        CloudEvent event;
        try {
            event = EventCodec.parse(message.getPayload());
        } catch (RuntimeException e) {
            LOG.warnf("DSR command dead-lettered: %s", e.getMessage());
            return message.nack(e);
        }
        if (!participants.isResolvable() || !event.type().startsWith("dsr.") || !isCommand(event)) {
            return message.ack();
        }
        if (EventType.DSR_ERASURE_BATCH_REQUESTED.type().equals(event.type())) {
            DsrBatchCommand batch;
            try {
                batch = event.dataAs(DsrBatchCommand.class);
            } catch (RuntimeException e) {
                return message.nack(e);
            }
            if (batch.participants().isEmpty() || batch.participants().contains(name)) {
                // Not even a failed reply can be written while the database is away: the command waits for it.
                DatabaseOutage.retryWhileAway("dsr-commands", () -> handleBatch(event.id(), batch));
            }
            return message.ack();
        }
        DsrCommand command;
        try {
            command = event.dataAs(DsrCommand.class);
        } catch (RuntimeException e) {
            return message.nack(e);
        }
        DsrAction action = DsrAction.of(EventType.byType(event.type()).orElseThrow());
        if (!command.participants().isEmpty() && !command.participants().contains(name)) {
            return message.ack();
        }
        DatabaseOutage.retryWhileAway("dsr-commands", () -> handle(event.id(), action, command));
        return message.ack();
    }

    /** Runs one command, or replays its remembered reply. Public for the tests of participants (slice in clear). */
    public DsrReply handle(String commandId, DsrAction action, DsrCommand command) {
        DsrParticipant participant = participants.get();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                String stored = rememberedReply(commandId);
                DsrReply remembered = stored == null ? null : read(stored, DsrReply.class);
                if (remembered != null) {
                    count(action, "replayed");
                    reply(remembered);
                    return remembered;
                }
                SliceResult result = slices.perform(participant, action, command);
                DsrReply reply = toReply(commandId, action, command.requestId(), result);
                if (action != DsrAction.EXPORT && result.outcome() != Outcome.FAILED) {
                    remember(commandId, command.requestId(), reply);
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
                String remembered = rememberedReply(commandId);
                if (remembered != null) {
                    DsrBatchReply reply = read(remembered, DsrBatchReply.class);
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
        remember(commandId, command.batchId(), reply);
        outbox.publish(EventType.DSR_BATCH_REPLY, command.batchId().toString(), reply);
        return reply;
    }

    private static boolean isCommand(CloudEvent event) {
        return EventType.byType(event.type())
                .map(t -> Topics.DSR_COMMANDS.equals(t.topic()))
                .orElse(false);
    }

    private DsrReply toReply(String commandId, DsrAction action, UUID requestId, SliceResult result) {
        JsonNode slice = result.data() == null ? null : json.valueToTree(result.data());
        return new DsrReply(
                requestId, commandId, action, name, result.outcome(), result.legalReason(), result.error(), slice);
    }

    private void reply(DsrReply reply) {
        outbox.publish(EventType.DSR_REPLY, reply.requestId().toString(), reply);
    }

    private String rememberedReply(String commandId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT reply FROM dsr_command_reply WHERE command_id = ? FOR UPDATE")) {
            select.setString(1, commandId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void remember(String commandId, UUID requestId, Object reply) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO dsr_command_reply (command_id, request_id, reply) VALUES (?, ?, ?)")) {
            insert.setString(1, commandId);
            insert.setObject(2, requestId);
            insert.setString(3, json.writeValueAsString(reply));
            insert.executeUpdate();
        }
    }

    private <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable remembered DSR reply", e);
        }
    }

    private void count(DsrAction action, String outcome) {
        metrics.counter("gdpr.dsr.commands", "action", action.name(), "outcome", outcome)
                .increment();
    }
}
