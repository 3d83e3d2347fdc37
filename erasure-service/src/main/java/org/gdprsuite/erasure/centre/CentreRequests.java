package org.gdprsuite.erasure.centre;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.erasure.domain.AuditTrail;
import org.gdprsuite.erasure.domain.Origin;
import org.gdprsuite.erasure.domain.Request;
import org.gdprsuite.erasure.domain.RequestStatus;
import org.gdprsuite.erasure.domain.RequestStore;
import org.gdprsuite.erasure.domain.RequestType;
import org.gdprsuite.erasure.domain.Rules;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Writes a request the centre's session asks for: verified at once (the session proved the address), received from
 * the person, audited with how it came. What follows (approval, linking to an open duplicate) is the caller's.
 */
@ApplicationScoped
class CentreRequests {

    /** Who a request from the centre is received from. */
    static final String ACTOR = "data subject";

    @Inject
    RequestStore requests;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** A verified request of {@code address}, of {@code personIds} where known; {@code how} goes to the audit. */
    Request insert(String address, RequestType type, String details, String how, List<UUID> personIds) {
        Instant now = clock.instant();
        Request request = new Request(
                UUID.randomUUID(),
                type,
                RequestStatus.VERIFIED,
                Origin.PORTAL,
                address,
                List.copyOf(personIds),
                details,
                now,
                Rules.dueAt(now),
                now,
                null,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                null);
        requests.insert(request, ACTOR);
        audit.record(request.id(), ACTOR, "received", how);
        return request;
    }
}
