package org.gdprsuite.erasure.domain;

import java.util.Map;

import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.runtime.outbox.Outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Mail to the person behind a request, through notification requests in the outbox. */
@ApplicationScoped
public class Notices {

    @Inject
    Outbox outbox;

    /** To the address of the request; retention requests have none and are not told. */
    public void tell(Request request, String template, Map<String, String> parameters) {
        if (request.email() != null) {
            outbox.publish(
                    EventType.NOTIFICATION_REQUESTED,
                    request.id().toString(),
                    new NotificationRequested(template, null, request.email(), null, parameters));
        }
    }

    /** The request is answered (completed, perhaps partially). */
    public void completed(Request request) {
        tell(request, "dsr.completed", Map.of("requestType", request.type().name()));
    }
}
