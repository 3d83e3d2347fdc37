package org.gdprsuite.erasure.fanout;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.gdprsuite.erasure.domain.AuditTrail;
import org.gdprsuite.erasure.domain.CorrectionStore;
import org.gdprsuite.erasure.domain.Notices;
import org.gdprsuite.erasure.domain.Request;
import org.gdprsuite.erasure.domain.RequestStatus;
import org.gdprsuite.erasure.domain.RequestStore;
import org.gdprsuite.erasure.domain.RequestType;
import org.gdprsuite.erasure.domain.Rules;
import org.gdprsuite.erasure.export.SealedSlices;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The DPO's decisions on a request: approval (then the fan-out), rejection, extension, completion by hand. */
@ApplicationScoped
public class Decisions {

    @Inject
    SealedSlices slices;

    @Inject
    RequestStore requests;

    @Inject
    AuditTrail audit;

    @Inject
    Notices notices;

    @Inject
    SubjectResolver subjects;

    @Inject
    FanOut fanOut;

    @Inject
    Objections objections;

    @Inject
    CorrectionStore corrections;

    @Inject
    Clock clock;

    @Transactional
    public void approve(UUID id, String actor, String bearerToken) {
        Request request = requests.lock(id);
        Rules.requireApprovable(request.status());
        approve(request, actor, bearerToken);
    }

    /** The subject is resolved (email → person ids, on the approver's token) and the request fans out. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void approve(Request request, String actor, String bearerToken) {
        Set<UUID> ids = new LinkedHashSet<>(request.personIds());
        if (request.email() != null && bearerToken != null) {
            ids.addAll(subjects.personIds(request.email(), bearerToken));
        }
        requests.approved(request.id(), List.copyOf(ids), actor, clock.instant());
        audit.record(request.id(), actor, "approved", ids.size() + " person(s) resolved");
        if (request.type() == RequestType.OBJECTION) {
            objections.carryOut(request, List.copyOf(ids), actor);
        } else if (Rules.hasFanOut(request.type(), namesCorrection(request.id()))
                && !fanOut.requests(Rules.action(request.type()), List.of(requests.lock(request.id())))) {
            audit.record(request.id(), AuditTrail.ORCHESTRATOR, "waiting", "no participant has announced itself yet");
        }
    }

    @Transactional
    public void reject(UUID id, String reason, String actor) {
        Request request = requests.lock(id);
        Rules.requireOpen(request.status());
        requests.rejected(id, reason, null, clock.instant());
        slices.destroy(List.of(id)); // closed: a slice replayed or late from now on never opens
        audit.record(id, actor, "rejected", null);
    }

    /** Art. 12(3): up to two further months, with the reason; the person is told. */
    @Transactional
    public void extend(UUID id, int months, String reason, String actor) {
        Request request = requests.lock(id);
        Rules.requireOpen(request.status());
        Instant dueAt = Rules.extendedDueAt(request.dueAt(), request.extendedMonths(), months);
        requests.extended(id, request.extendedMonths() + months, reason, dueAt);
        audit.record(id, actor, "extended", months + " month(s)");
        notices.tell(request, "dsr.extended", Map.of("dueDate", dueAt.toString(), "reason", reason));
    }

    /** Requests without a fan-out (rectification) are completed by the DPO once done in the CRM. */
    @Transactional
    public void complete(UUID id, String actor) {
        Request request = requests.lock(id);
        Rules.requireCompletableByHand(request.type(), request.status(), namesCorrection(id));
        requests.finished(id, RequestStatus.COMPLETED, clock.instant());
        audit.record(id, actor, "completed", null);
        notices.completed(request);
    }

    private boolean namesCorrection(UUID requestId) {
        return corrections.find(requestId).isPresent();
    }
}
