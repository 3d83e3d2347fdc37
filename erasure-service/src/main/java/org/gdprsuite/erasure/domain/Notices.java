package org.gdprsuite.erasure.domain;

import java.util.Map;

import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.runtime.crypto.ShreddedException;
import org.gdprsuite.runtime.outbox.Outbox;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Mail to the person behind a request, through notification requests in the outbox: the address and the
 * parameters (codes, links) sealed under the request's key ({@link RequestKeys}), never in clear on the bus.
 */
@ApplicationScoped
public class Notices {

    private static final Logger LOG = Logger.getLogger(Notices.class);

    @Inject
    Outbox outbox;

    @Inject
    RequestKeys keys;

    /** To the address of the request; retention requests have none and are not told. */
    public void tell(Request request, String template, Map<String, String> parameters) {
        if (request.email() == null) {
            return;
        }
        NotificationRequested mail;
        try {
            mail = keys.seal(
                    request.id(), new NotificationRequested(template, null, request.email(), null, parameters));
        } catch (ShreddedException closed) {
            // Closed long ago: nothing is due to the person any more, and nothing goes in clear.
            LOG.warnf("Mail %s for request %s not sent: the request's key is destroyed", template, request.id());
            return;
        }
        outbox.publish(EventType.NOTIFICATION_REQUESTED, request.id().toString(), mail);
    }

    /** The request is answered (completed, perhaps partially). */
    public void completed(Request request) {
        tell(request, "dsr.completed", Map.of("requestType", request.type().name()));
    }
}
