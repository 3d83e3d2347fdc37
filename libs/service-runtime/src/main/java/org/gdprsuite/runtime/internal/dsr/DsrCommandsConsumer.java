package org.gdprsuite.runtime.internal.dsr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrBatchCommand;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.runtime.dsr.DsrParticipant;
import org.gdprsuite.runtime.internal.db.DatabaseOutage;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * The Kafka side of DSR participation, shared by every service: reads {@code dsr.commands} and hands the commands
 * addressed to this service's participant to {@link DsrCommandHandler}. A command that does not read is
 * dead-lettered; one for another participant, or no command at all, is passed over.
 */
@ApplicationScoped
public class DsrCommandsConsumer {

    private static final Logger LOG = Logger.getLogger(DsrCommandsConsumer.class);

    @Inject
    DsrCommandHandler handler;

    @Inject
    Instance<DsrParticipant> participants;

    @ConfigProperty(name = "quarkus.application.name")
    String name;

    /**
     * A poll's commands in order (the channel has {@code batch=true}). Erasures that follow one another are erased
     * together ({@link DsrCommandHandler#handleErasures}), each still answered on its own; every other command is
     * handled alone. With many requests approved at once, a transaction and a lookup per command left the commands
     * queueing.
     */
    @Incoming("dsr-commands")
    @Blocking(ordered = true)
    public CompletionStage<Void> onCommands(KafkaRecordBatch<String, String> batch) {
        List<DsrCommandHandler.Received> erasures = new ArrayList<>();
        Map<KafkaRecord<String, String>, RuntimeException> dead = new LinkedHashMap<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            CloudEvent event;
            Object command;
            try {
                event = EventCodec.parse(record.getPayload());
                command = forThisParticipant(event);
            } catch (RuntimeException e) {
                dead.put(record, e);
                continue;
            }
            if (command instanceof DsrCommand single
                    && EventType.DSR_ERASURE_REQUESTED.type().equals(event.type())
                    && participants.get().actions().contains(DsrAction.ERASE)) {
                erasures.add(new DsrCommandHandler.Received(event.id(), single));
                continue;
            }
            eraseTogether(erasures);
            // Not even a failed reply can be written while the database is away: the command waits for it.
            if (command instanceof DsrBatchCommand many) {
                DatabaseOutage.retryWhileAway("dsr-commands", () -> handler.handleBatch(event.id(), many));
            } else if (command instanceof DsrCommand single) {
                DsrAction action = DsrAction.of(EventType.byType(event.type()).orElseThrow());
                DatabaseOutage.retryWhileAway("dsr-commands", () -> handler.handle(event.id(), action, single));
            }
        }
        eraseTogether(erasures);
        // Dead-lettering acknowledges a record (and may commit its offset): only once the others are answered.
        CompletionStage<Void> done = CompletableFuture.completedFuture(null);
        for (Map.Entry<KafkaRecord<String, String>, RuntimeException> failed : dead.entrySet()) {
            LOG.warnf("DSR command dead-lettered: %s", failed.getValue().getMessage());
            done = done.thenCompose(ignored -> failed.getKey().nack(failed.getValue()));
        }
        return done.thenCompose(ignored -> batch.ack());
    }

    /** The command if this participant is to carry it out, else null; throws if it does not read. */
    private Object forThisParticipant(CloudEvent event) {
        if (!participants.isResolvable() || !event.type().startsWith("dsr.") || !isCommand(event)) {
            return null;
        }
        if (EventType.DSR_ERASURE_BATCH_REQUESTED.type().equals(event.type())) {
            DsrBatchCommand batch = event.dataAs(DsrBatchCommand.class);
            return batch.participants().isEmpty() || batch.participants().contains(name) ? batch : null;
        }
        DsrCommand command = event.dataAs(DsrCommand.class);
        return command.participants().isEmpty() || command.participants().contains(name) ? command : null;
    }

    private void eraseTogether(List<DsrCommandHandler.Received> erasures) {
        if (erasures.size() == 1) {
            DsrCommandHandler.Received one = erasures.get(0);
            DatabaseOutage.retryWhileAway(
                    "dsr-commands", () -> handler.handle(one.id(), DsrAction.ERASE, one.command()));
        } else if (!erasures.isEmpty()) {
            List<DsrCommandHandler.Received> together = List.copyOf(erasures);
            DatabaseOutage.retryWhileAway("dsr-commands", () -> handler.handleErasures(together));
        }
        erasures.clear();
    }

    private static boolean isCommand(CloudEvent event) {
        return EventType.byType(event.type())
                .map(t -> Topics.DSR_COMMANDS.equals(t.topic()))
                .orElse(false);
    }
}
