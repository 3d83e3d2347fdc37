package org.gdprsuite.erasure.fanout;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.gdprsuite.erasure.config.ErasureConfig;
import org.gdprsuite.erasure.domain.AuditTrail;
import org.gdprsuite.erasure.domain.CorrectionStore;
import org.gdprsuite.erasure.domain.Request;
import org.gdprsuite.erasure.domain.RequestKeys;
import org.gdprsuite.erasure.domain.RequestStore;
import org.gdprsuite.erasure.domain.RequestType;
import org.gdprsuite.erasure.domain.RetryPolicy;
import org.gdprsuite.erasure.domain.Rules;
import org.gdprsuite.erasure.domain.TaskStore;
import org.gdprsuite.erasure.export.SealedSlices;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrBatchCommand;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.outbox.Outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Approved requests go to every participant that answers their action, through the outbox on dsr.commands: a
 * request of its own in a command of its own, a retention batch in one command for all its requests. Either way
 * the same set-based start follows: a pending task per request and participant, the requests in progress, one
 * audit line each.
 */
@ApplicationScoped
public class FanOut {

    @Inject
    RequestStore requests;

    @Inject
    TaskStore tasks;

    @Inject
    BatchStore batches;

    @Inject
    ParticipantStore participants;

    @Inject
    AuditTrail audit;

    @Inject
    Outbox outbox;

    @Inject
    SealedSlices slices;

    @Inject
    RequestKeys keys;

    @Inject
    CorrectionStore corrections;

    @Inject
    ErasureConfig config;

    @Inject
    Clock clock;

    /** Fans out requests of their own (no batch) of one action; false if no participant has announced itself yet. */
    public boolean requests(DsrAction action, List<Request> approved) {
        List<String> names = participants.answering(action);
        if (names.isEmpty() || approved.isEmpty()) {
            return false;
        }
        Map<UUID, String> commandOf = new LinkedHashMap<>();
        for (Request request : approved) {
            commandOf.put(
                    request.id(),
                    command(request.id(), action, new SubjectIds(request.personIds(), request.emails()), names)
                            .id());
        }
        start(commandOf, action, names, action + " to " + names.size() + " participant(s)");
        return true;
    }

    /** Approved requests that waited for participants, asked now if some have announced themselves. */
    public void waiting() {
        requests.waitingForParticipants().stream()
                // An OBJECTION approved before objections went to consent-service has nobody to ask: never throw on it.
                // (Only rectifications that name a correction wait here: RequestStore leaves the others out.)
                .filter(r -> Rules.hasFanOut(r.type(), r.type() == RequestType.RECTIFICATION))
                .collect(Collectors.groupingBy(r -> Rules.action(r.type()), LinkedHashMap::new, Collectors.toList()))
                .forEach(this::requests);
    }

    /**
     * The command to some participants about one request of its own; an export's carries the request's key to seal
     * the slices to (none once the request is closed: participants then send no slice), a rectification's the
     * correction it names.
     */
    public CloudEvent command(UUID requestId, DsrAction action, SubjectIds subject, List<String> names) {
        String sealingKey =
                action == DsrAction.EXPORT ? slices.sealingKey(requestId).orElse(null) : null;
        Map<String, String> correction =
                action == DsrAction.RECTIFY ? corrections.find(requestId).orElse(Map.of()) : Map.of();
        // The subject's emails and the new values travel sealed under the request's key; a person-id-only subject
        // without corrections has nothing to seal.
        boolean sealed = !subject.emails().isEmpty() || !correction.isEmpty();
        return outbox.publish(
                action.commandType(),
                requestId.toString(),
                new DsrCommand(
                        requestId,
                        sealed ? keys.seal(requestId, subject) : subject,
                        names,
                        sealingKey,
                        sealed ? SealedFields.requestSubject(requestId) : null,
                        keys.seal(requestId, correction)));
    }

    /** The command to some participants about some requests of a batch. */
    public CloudEvent batchCommand(UUID batchId, List<DsrBatchCommand.Subject> subjects, List<String> names) {
        return outbox.publish(
                EventType.DSR_ERASURE_BATCH_REQUESTED,
                batchId.toString(),
                new DsrBatchCommand(batchId, subjects, names));
    }

    /** A retention batch, waiting to be dispatched. */
    public UUID newBatch(Instant now) {
        UUID id = UUID.randomUUID();
        batches.insert(id, DsrAction.ERASE.name(), now);
        return id;
    }

    /** Settles the batch (or every batch if null) nobody owes an answer any more; a freed slot dispatches the next. */
    public void settleAndDispatch(UUID batchId) {
        if (batches.settle(batchId, clock.instant()) || batchId == null) {
            dispatchBatches();
        }
    }

    /** Fans out the oldest waiting batches while fewer than {@code batches-in-flight} are out. */
    public void dispatchBatches() {
        batches.lockDispatch();
        List<String> names = participants.answering(DsrAction.ERASE);
        if (names.isEmpty()) {
            return; // no participant has announced itself yet: the batches wait
        }
        for (UUID batchId : batches.nextToDispatch(config.erasure().batchesInFlight())) {
            List<Request> approved = requests.approvedInBatch(batchId);
            if (!approved.isEmpty()) {
                String command = batchCommand(
                                batchId, approved.stream().map(FanOut::subject).toList(), names)
                        .id();
                Map<UUID, String> commandOf = new LinkedHashMap<>();
                approved.forEach(r -> commandOf.put(r.id(), command));
                start(
                        commandOf,
                        DsrAction.ERASE,
                        names,
                        DsrAction.ERASE + " to " + names.size() + " participant(s) in batch " + batchId);
            }
            batches.dispatched(batchId, clock.instant(), approved.isEmpty()); // all rejected meanwhile: nothing owed
        }
    }

    /** A retention subject: person ids only, no address. */
    public static DsrBatchCommand.Subject subject(UUID requestId, List<UUID> personIds) {
        return new DsrBatchCommand.Subject(requestId, new SubjectIds(personIds, List.of()));
    }

    private static DsrBatchCommand.Subject subject(Request request) {
        return subject(request.id(), request.personIds());
    }

    private void start(Map<UUID, String> commandOf, DsrAction action, List<String> names, String detail) {
        Instant now = clock.instant();
        tasks.create(
                commandOf,
                names,
                action.name(),
                RetryPolicy.of(config.erasure()).nextRetry(now, 1));
        requests.started(commandOf.keySet());
        audit.record(commandOf.keySet(), AuditTrail.ORCHESTRATOR, "fanned out", detail);
    }
}
