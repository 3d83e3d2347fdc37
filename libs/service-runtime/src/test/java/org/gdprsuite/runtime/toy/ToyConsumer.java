package org.gdprsuite.runtime.toy;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.gdprsuite.events.payload.PersonUpdated;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Records every applied person update as an effect. Category "flaky-N" fails the first N tries,
 * "broken" always fails: they exercise retries and the dead-letter topic.
 */
@ApplicationScoped
public class ToyConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    ToyStore store;

    private final Map<String, Integer> tries = new ConcurrentHashMap<>();

    @Incoming("toy-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<String> message) {
        return consumer.consume(message, "toy", event -> {
            PersonUpdated update = event.dataAs(PersonUpdated.class);
            int tried = tries.merge(event.id(), 1, Integer::sum);
            String category = update.category();
            if ("broken".equals(category)
                    || category.startsWith("flaky-")
                            && tried <= Integer.parseInt(category.substring("flaky-".length()))) {
                throw new IllegalStateException("toy failure");
            }
            store.effect("update", update.email());
        });
    }
}
