package org.gdprsuite.runtime.dsr;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.DsrReply.Outcome;
import org.gdprsuite.events.dsr.ParticipantAnnounced;
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
 */
@ApplicationScoped
public class DsrCommandHandler {

    private static final Logger LOG = Logger.getLogger(DsrCommandHandler.class);

    @Inject
    Instance<DsrParticipant> participants;

    @Inject
    Outbox outbox;

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
            QuarkusTransaction.requiringNew().run(() -> outbox.publish(EventType.DSR_PARTICIPANT_ANNOUNCED, name,
                    new ParticipantAnnounced(name, version, participant.slice(), List.copyOf(participant.actions()))));
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
        handle(event.id(), action, command);
        return message.ack();
    }

    /** Runs one command, or replays the remembered reply if it was handled before. Public for the tests of participants. */
    public DsrReply handle(String commandId, DsrAction action, DsrCommand command) {
        DsrParticipant participant = participants.get();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                DsrReply remembered = rememberedReply(commandId);
                if (remembered != null) {
                    count(action, "replayed");
                    reply(remembered);
                    return remembered;
                }
                SliceResult result = perform(participant, action, command);
                DsrReply reply = toReply(commandId, action, command.requestId(), result);
                if (action != DsrAction.EXPORT && result.outcome() != Outcome.FAILED) {
                    remember(commandId, command.requestId(), reply);
                }
                reply(reply);
                count(action, result.outcome().name().toLowerCase());
                return reply;
            });
        } catch (RuntimeException e) {
            // The effect rolled back; the failure is answered in a transaction of its own so the orchestrator can retry.
            LOG.warnf("DSR %s for request %s failed: %s", action, command.requestId(), e.getClass().getName());
            DsrReply failed = toReply(commandId, action, command.requestId(),
                    SliceResult.failed("participant error: " + e.getClass().getSimpleName()));
            QuarkusTransaction.requiringNew().run(() -> reply(failed));
            count(action, "failed");
            return failed;
        }
    }

    private static boolean isCommand(CloudEvent event) {
        return EventType.byType(event.type()).map(t -> Topics.DSR_COMMANDS.equals(t.topic())).orElse(false);
    }

    private static SliceResult perform(DsrParticipant participant, DsrAction action, DsrCommand command) {
        if (!participant.actions().contains(action)) {
            return SliceResult.failed(action + " is not supported by this participant");
        }
        return switch (action) {
            case EXPORT -> participant.export(command.subject());
            case ERASE -> participant.erase(command.subject());
            case RESTRICT -> participant.restrict(command.subject());
            case LIFT_RESTRICTION -> participant.liftRestriction(command.subject());
        };
    }

    private DsrReply toReply(String commandId, DsrAction action, UUID requestId, SliceResult result) {
        JsonNode slice = result.data() == null ? null : json.valueToTree(result.data());
        return new DsrReply(requestId, commandId, action, name, result.outcome(), result.legalReason(), result.error(),
                slice);
    }

    private void reply(DsrReply reply) {
        outbox.publish(EventType.DSR_REPLY, reply.requestId().toString(), reply);
    }

    private DsrReply rememberedReply(String commandId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT reply FROM dsr_command_reply WHERE command_id = ? FOR UPDATE")) {
            select.setString(1, commandId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? readReply(rs.getString(1)) : null;
            }
        }
    }

    private void remember(String commandId, UUID requestId, DsrReply reply) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO dsr_command_reply (command_id, request_id, reply) VALUES (?, ?, ?)")) {
            insert.setString(1, commandId);
            insert.setObject(2, requestId);
            insert.setString(3, json.writeValueAsString(reply));
            insert.executeUpdate();
        }
    }

    private DsrReply readReply(String stored) {
        try {
            return json.readValue(stored, DsrReply.class);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable remembered DSR reply", e);
        }
    }

    private void count(DsrAction action, String outcome) {
        metrics.counter("gdpr.dsr.commands", "action", action.name(), "outcome", outcome).increment();
    }
}
