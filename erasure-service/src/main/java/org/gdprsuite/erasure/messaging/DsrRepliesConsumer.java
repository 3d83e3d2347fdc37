package org.gdprsuite.erasure.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gdprsuite.erasure.fanout.ParticipantStore;
import org.gdprsuite.erasure.replies.Replies;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.dsr.DsrBatchReply;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.ParticipantAnnounced;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code dsr.replies}: participants announcing themselves and answering commands. */
@ApplicationScoped
public class DsrRepliesConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    Replies replies;

    @Inject
    ParticipantStore participants;

    /**
     * A poll's replies in one transaction (the channel has {@code batch=true}): with many requests in flight,
     * a transaction per reply left the replies queueing behind one commit each. Single replies that follow one
     * another are answered together, a statement per table.
     */
    @Incoming("dsr-replies")
    @Blocking(ordered = true)
    public CompletionStage<Void> onEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, "dsr-replies", this::apply);
    }

    private void apply(List<CloudEvent> events) {
        List<DsrReply> singles = new ArrayList<>();
        for (CloudEvent event : events) {
            if (EventType.DSR_REPLY.type().equals(event.type())) {
                singles.add(event.dataAs(DsrReply.class));
                continue;
            }
            answer(singles);
            if (EventType.DSR_BATCH_REPLY.type().equals(event.type())) {
                replies.replied(event.dataAs(DsrBatchReply.class));
            } else if (EventType.DSR_PARTICIPANT_ANNOUNCED.type().equals(event.type())) {
                participants.announced(event.dataAs(ParticipantAnnounced.class));
            }
        }
        answer(singles);
    }

    private void answer(List<DsrReply> singles) {
        if (!singles.isEmpty()) {
            replies.replied(List.copyOf(singles));
            singles.clear();
        }
    }
}
