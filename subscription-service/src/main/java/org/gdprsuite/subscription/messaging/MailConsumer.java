package org.gdprsuite.subscription.messaging;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;
import org.gdprsuite.subscription.domain.SuiteMail;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code notification.requests}: the mail the other services ask for, sent once per request. */
@ApplicationScoped
public class MailConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    SuiteMail mail;

    @Incoming("notification-requests")
    @Blocking(ordered = true)
    public CompletionStage<Void> onRequest(Message<String> message) {
        return consumer.consume(
                message, "notification-requests", event -> mail.send(event.dataAs(NotificationRequested.class)));
    }
}
