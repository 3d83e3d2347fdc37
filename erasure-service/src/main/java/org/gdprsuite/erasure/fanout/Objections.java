package org.gdprsuite.erasure.fanout;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.erasure.domain.AuditTrail;
import org.gdprsuite.erasure.domain.Notices;
import org.gdprsuite.erasure.domain.Objection;
import org.gdprsuite.erasure.domain.ObjectionStore;
import org.gdprsuite.erasure.domain.Request;
import org.gdprsuite.erasure.domain.RequestStatus;
import org.gdprsuite.erasure.domain.RequestStore;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.ObjectionChanged;
import org.gdprsuite.runtime.outbox.Outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * A request of type OBJECTION (Art. 21) is carried out by consent-service, the suite's one answer to "may we
 * process?": once approved, one {@code consent.objection-changed} per person goes on consent.inbound through the
 * outbox (in the approval's transaction), and the decisions turn OBJECTED for what the objection reaches; direct
 * marketing stops with them, since audiences send only to persons their consent decision allows. Nothing is
 * restricted (Art. 18 is another right) and no participant is asked, so the request is completed at approval.
 */
@ApplicationScoped
public class Objections {

    @Inject
    ObjectionStore store;

    @Inject
    RequestStore requests;

    @Inject
    AuditTrail audit;

    @Inject
    Notices notices;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** What an objection request objects to, kept with the request until its approval. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void taken(UUID requestId, Objection objection) {
        store.insert(requestId, objection);
    }

    /** The approved objection sent for every person resolved, and the request completed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void carryOut(Request request, List<UUID> personIds, String actor) {
        Instant now = clock.instant();
        Objection objection = store.find(request.id()).orElse(Objection.ALL);
        List<ObjectionChanged> events = personIds.stream()
                .map(id -> new ObjectionChanged(
                        id, objection.scope().name(), objection.purposes(), true, now, request.id()))
                .toList();
        if (!events.isEmpty()) {
            outbox.publishAll(
                    EventType.CONSENT_OBJECTION_CHANGED,
                    events,
                    e -> e.personId().toString());
        }
        audit.record(
                request.id(),
                actor,
                "objection sent",
                objection.scope() + " for " + events.size() + " person(s) to consent-service");
        requests.finished(request.id(), RequestStatus.COMPLETED, now);
        audit.record(request.id(), AuditTrail.ORCHESTRATOR, "completed", null);
        notices.completed(request);
    }
}
