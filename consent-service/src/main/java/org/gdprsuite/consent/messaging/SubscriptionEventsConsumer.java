package org.gdprsuite.consent.messaging;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gdprsuite.consent.domain.SubjectStates;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.SubscriptionChanged;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code subscription.events}: opt-outs are objections to direct marketing (Art. 21(3)), so the decision honours
 * them. The global opt-out ({@code *}) denies every direct-marketing purpose; a type's opt-out denies the purpose
 * the type is sent under once no type of that purpose is still chosen. Events without a purpose (written before it
 * was carried) change nothing but the global opt-out.
 */
@ApplicationScoped
public class SubscriptionEventsConsumer {

    /** The subscription type of the global marketing opt-out in subscription-service's events. */
    static final String GLOBAL = "*";

    @Inject
    IdempotentConsumer consumer;

    @Inject
    SubjectStates subjects;

    @Incoming("subscription-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> onEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch, "subscription-events", this::apply);
    }

    /** Applies {@code events} in order (one person's choices come in the order they were made). */
    public void apply(List<CloudEvent> events) {
        for (CloudEvent event : events) {
            if (!EventType.SUBSCRIPTION_CHANGED.type().equals(event.type())) {
                continue;
            }
            SubscriptionChanged change = event.dataAs(SubscriptionChanged.class);
            if (GLOBAL.equals(change.subscriptionType())) {
                subjects.optedOut(change.personId(), !change.subscribed());
            } else if (change.purpose() != null) {
                subjects.subscription(
                        change.personId(), change.subscriptionType(), change.purpose(), change.subscribed());
            }
        }
    }
}
