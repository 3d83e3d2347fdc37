package org.gdprsuite.runtime.toy;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.payload.PersonUpdated;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Records every applied person update of a poll as a "batch" effect; category "broken" always fails. */
@ApplicationScoped
public class ToyBatchConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    ToyStore store;

    @Incoming("toy-batch")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, "toy-batch", events -> {
            for (CloudEvent event : events) {
                PersonUpdated update = event.dataAs(PersonUpdated.class);
                if ("broken".equals(update.category())) {
                    throw new IllegalStateException("toy failure");
                }
                store.effect("batch", update.email());
            }
        });
    }
}
