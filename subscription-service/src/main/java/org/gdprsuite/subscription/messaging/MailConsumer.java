package org.gdprsuite.subscription.messaging;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;
import org.gdprsuite.runtime.crypto.RequestFields;
import org.gdprsuite.subscription.domain.SuiteMail;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code notification.requests}: the mail the other services ask for, sent once per request. A data-subject
 * request's mail comes sealed under the request's key and is opened here; once the request is closed and its key
 * destroyed, a late or replayed one is skipped: nothing is due any more, and nothing would open.
 */
@ApplicationScoped
public class MailConsumer {

    private static final Logger LOG = Logger.getLogger(MailConsumer.class);

    @Inject
    IdempotentConsumer consumer;

    @Inject
    SuiteMail mail;

    @Inject
    RequestFields requestFields;

    @Incoming("notification-requests")
    @Blocking(ordered = true)
    public CompletionStage<Void> onRequest(Message<String> message) {
        return consumer.consume(
                message,
                "notification-requests",
                event -> requestFields
                        .open(event.dataAs(NotificationRequested.class))
                        .ifPresentOrElse(
                                mail::send,
                                () -> LOG.infof(
                                        "Mail of event %s skipped: its request's key is destroyed", event.id())));
    }
}
