package org.gdprsuite.erasure.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.erasure.domain.DataSubjectRequest.Origin;
import org.gdprsuite.erasure.domain.DataSubjectRequest.Status;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.ParticipantAnnounced;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.runtime.links.SignedLinks;
import org.gdprsuite.runtime.outbox.Outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;

/**
 * The orchestrator: intake, verification, approval, the fan-out of one command to every participant
 * that announced itself, the participants' answers, retries and escalation, and the export bundle.
 * Every transition is in the audit trail; state lives in the database and commands leave through the
 * outbox, so a restart mid-request loses nothing and replies are idempotent.
 */
@ApplicationScoped
public class Requests {

    public static final String DOWNLOAD_SCOPE = "dsr-download";
    public static final String VERIFY_SCOPE = "dsr-verify";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    SignedLinks links;

    @Inject
    SubjectResolver subjects;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    @Inject
    jakarta.persistence.EntityManager em;

    @Inject
    BatchErasures batches;

    @ConfigProperty(name = "gdpr.public-base-url")
    String publicBaseUrl;

    @ConfigProperty(name = "gdpr.erasure.auto-approve")
    java.util.Optional<Set<RequestType>> autoApprove;

    @ConfigProperty(name = "gdpr.erasure.retry-after")
    Duration retryAfter;

    @ConfigProperty(name = "gdpr.erasure.max-attempts")
    int maxAttempts;

    @ConfigProperty(name = "gdpr.erasure.verification-validity")
    Duration verificationValidity;

    @ConfigProperty(name = "gdpr.erasure.verification-attempts")
    int verificationAttempts;

    @ConfigProperty(name = "gdpr.erasure.download-validity")
    Duration downloadValidity;

    /** A request taken by staff: identity checked by them, so verified at once; auto-approved if configured. */
    @Transactional
    public DataSubjectRequest takeFromStaff(RequestType type, String email, List<UUID> personIds, String details,
            String actor, String bearerToken) {
        DataSubjectRequest request = create(type, Origin.STAFF, email, personIds, details, actor);
        request.status = Status.VERIFIED;
        request.verifiedAt = request.receivedAt;
        audit(request, actor, "received", "taken by staff");
        if (!linkDuplicate(request, actor) && autoApprove.map(types -> types.contains(type)).orElse(false)) {
            approve(request, "auto-approval", bearerToken);
        }
        return request;
    }

    /** A request from the public portal: it waits for the code or link sent to the address. */
    @Transactional
    public DataSubjectRequest takeFromPortal(RequestType type, String email, String details) {
        DataSubjectRequest request = create(type, Origin.PORTAL, email, List.of(), details, "data subject");
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        Verification verification = new Verification();
        verification.requestId = request.id;
        verification.codeSha256 = sha256(request.id + ":" + code);
        verification.expiresAt = clock.instant().plus(verificationValidity);
        verification.persist();
        String link = publicBaseUrl + "/public/requests/verify?token="
                + links.sign(VERIFY_SCOPE, request.id.toString(), verificationValidity);
        notify(request, "dsr.verification", Map.of("code", code, "verifyLink", link));
        audit(request, "data subject", "received", "through the portal; verification sent");
        return request;
    }

    /** Checks a verification code; a few attempts, until it expires. */
    @Transactional
    public boolean verifyCode(UUID id, String code) {
        DataSubjectRequest request = DataSubjectRequest.findById(id);
        Verification verification = Verification.findById(id);
        if (request == null || verification == null || request.status != Status.RECEIVED) {
            return false;
        }
        verification.attempts++;
        if (verification.attempts > verificationAttempts || !clock.instant().isBefore(verification.expiresAt)
                || !MessageDigest.isEqual(sha256(id + ":" + code).getBytes(StandardCharsets.US_ASCII),
                        verification.codeSha256.getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        verified(request, "code");
        return true;
    }

    /** The link in the verification mail; it works once (the request is no longer waiting afterwards). */
    @Transactional
    public boolean verifyLink(String token) {
        UUID id = UUID.fromString(links.verify(token, VERIFY_SCOPE).subject());
        DataSubjectRequest request = DataSubjectRequest.findById(id);
        if (request == null || request.status != Status.RECEIVED) {
            return false;
        }
        verified(request, "link");
        return true;
    }

    /** The DPO approves: the subject is resolved (email → person ids) and the request fans out. */
    @Transactional
    public DataSubjectRequest approve(UUID id, String actor, String bearerToken) {
        DataSubjectRequest request = find(id);
        if (request.status != Status.VERIFIED) {
            throw conflict("Only a verified request can be approved; this one is " + request.status + ".");
        }
        approve(request, actor, bearerToken);
        return request;
    }

    @Transactional
    public DataSubjectRequest reject(UUID id, String reason, String actor) {
        DataSubjectRequest request = open(id);
        request.status = Status.REJECTED;
        request.rejectionReason = reason;
        request.completedAt = clock.instant();
        audit(request, actor, "rejected", null);
        return request;
    }

    /** Art. 12(3): up to two further months, with the reason; the person is told. */
    @Transactional
    public DataSubjectRequest extend(UUID id, int months, String reason, String actor) {
        DataSubjectRequest request = open(id);
        if (request.extendedMonths + months > 2) {
            throw new ClientErrorException("A request can be extended by two months at most in all.", 422);
        }
        request.extendedMonths += months;
        request.extensionReason = reason;
        request.dueAt = request.dueAt.atZone(ZoneOffset.UTC).plusMonths(months).toInstant();
        audit(request, actor, "extended", months + " month(s)");
        notify(request, "dsr.extended", Map.of("dueDate", request.dueAt.toString(), "reason", reason));
        return request;
    }

    /** Requests without a fan-out (rectification) are completed by the DPO once done in the CRM. */
    @Transactional
    public DataSubjectRequest complete(UUID id, String actor) {
        DataSubjectRequest request = find(id);
        if (request.type != RequestType.RECTIFICATION || request.status != Status.APPROVED) {
            throw conflict("Only an approved rectification is completed by hand; the others complete with their participants.");
        }
        finish(request, Status.COMPLETED, actor);
        return request;
    }

    @Transactional
    public void participantAnnounced(ParticipantAnnounced announced) {
        Participant participant = Participant.findById(announced.participant());
        if (participant == null) {
            participant = new Participant();
            participant.name = announced.participant();
        }
        participant.version = announced.version();
        participant.slice = announced.slice();
        participant.actions = announced.actions().stream().map(Enum::name).toList();
        participant.announcedAt = clock.instant();
        participant.persist();
    }

    /** A participant's answer. Answers of a task already done or held change nothing (replays, duplicates). */
    @Transactional
    public void replied(DsrReply reply) {
        Task task = Task.findById(key(reply.requestId(), reply.participant()));
        if (task == null || task.status.isAnswered()) {
            return;
        }
        DataSubjectRequest request = find(reply.requestId());
        switch (reply.outcome()) {
            case DONE -> {
                task.status = Task.Status.DONE;
                task.slice = reply.slice();
            }
            case HELD -> {
                task.status = Task.Status.HELD;
                task.legalReason = reply.legalReason();
            }
            case FAILED -> {
                task.status = Task.Status.FAILED;
                task.error = reply.error();
                task.nextRetryAt = clock.instant().plus(backoff(task.attempts));
                audit(request, reply.participant(), "participant failed", "will retry");
                return;
            }
        }
        task.answeredAt = clock.instant();
        task.nextRetryAt = null;
        audit(request, reply.participant(), "participant " + task.status.name().toLowerCase(), task.legalReason);
        List<Task> tasks = Task.list("requestId", request.id);
        if (request.status == Status.IN_PROGRESS && tasks.stream().allMatch(t -> t.status.isAnswered())) {
            if (request.type == RequestType.ACCESS || request.type == RequestType.PORTABILITY) {
                assembleExport(request, tasks);
            }
            boolean held = tasks.stream().anyMatch(t -> t.status == Task.Status.HELD);
            finish(request, held ? Status.PARTIALLY_COMPLETED : Status.COMPLETED, "erasure-service");
        }
    }

    /**
     * Asks again whoever failed or has not answered, with a growing back-off; after the last attempt the
     * task times out and the request is escalated. Approved requests still waiting for participants fan out.
     */
    @Transactional
    public int retryDue() {
        boolean mine = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtext('dsr-retries'))")
                .getSingleResult();
        if (!mine) {
            return 0; // another replica is on it
        }
        Instant now = clock.instant();
        List<Task> due = Task.list("status in ?1 and nextRetryAt <= ?2", List.of(Task.Status.PENDING, Task.Status.FAILED), now);
        Map<UUID, List<Task>> byRequest = new java.util.LinkedHashMap<>();
        // Tasks of a retention batch are asked again per batch and participant, in one command each.
        Map<Map.Entry<UUID, String>, List<Task>> byBatch = new java.util.LinkedHashMap<>();
        for (Task task : due) {
            if (task.attempts >= maxAttempts) {
                task.status = Task.Status.TIMED_OUT;
                task.nextRetryAt = null;
                DataSubjectRequest request = find(task.requestId);
                audit(request, "erasure-service", "participant timed out", task.participant);
                if (request.escalatedAt == null) {
                    request.escalatedAt = now;
                    audit(request, "erasure-service", "escalated", "a participant did not answer");
                    metrics.counter("gdpr.dsr.escalations").increment();
                }
            } else {
                UUID batchId = find(task.requestId).batchId;
                if (batchId == null) {
                    byRequest.computeIfAbsent(task.requestId, k -> new ArrayList<>()).add(task);
                } else {
                    byBatch.computeIfAbsent(Map.entry(batchId, task.participant), k -> new ArrayList<>()).add(task);
                }
            }
        }
        byBatch.forEach((batchAndParticipant, tasks) -> {
            List<DataSubjectRequest> owed = tasks.stream().map(t -> find(t.requestId)).toList();
            CloudEvent command = batches.askAgain(batchAndParticipant.getKey(), batchAndParticipant.getValue(), owed);
            for (Task task : tasks) {
                task.attempts++;
                task.commandId = command.id();
                task.nextRetryAt = now.plus(backoff(task.attempts));
                audit(find(task.requestId), "erasure-service", "asked again", "1 participant(s)");
            }
        });
        byRequest.forEach((requestId, tasks) -> {
            DataSubjectRequest request = find(requestId);
            CloudEvent command = command(request, tasks.get(0).action, tasks.stream().map(t -> t.participant).toList());
            for (Task task : tasks) {
                task.attempts++;
                task.commandId = command.id();
                task.nextRetryAt = now.plus(backoff(task.attempts));
            }
            audit(request, "erasure-service", "asked again", tasks.size() + " participant(s)");
        });
        for (DataSubjectRequest waiting : DataSubjectRequest.<DataSubjectRequest> list("status = ?1 and batchId is null",
                Status.APPROVED)) {
            if (waiting.type != RequestType.RECTIFICATION) {
                fanOut(waiting);
            }
        }
        batches.settleAndDispatch();
        return byRequest.size() + byBatch.size();
    }

    /**
     * The orchestrator keeps no copy of a subject's data longer than the download link lives: bundles
     * past it are deleted (the audit trail records that). Returns how many.
     */
    @Transactional
    public int purgeExpiredExports() {
        List<ExportBundle> expired = ExportBundle.list("readyAt < ?1", clock.instant().minus(downloadValidity));
        for (ExportBundle bundle : expired) {
            audit(find(bundle.requestId), "erasure-service", "export purged", null);
            bundle.delete();
        }
        return expired.size();
    }

    public DataSubjectRequest find(UUID id) {
        DataSubjectRequest request = DataSubjectRequest.findById(id);
        if (request == null) {
            throw new NotFoundException("No such request.");
        }
        return request;
    }

    public List<AuditEntry> audit(UUID id) {
        return AuditEntry.list("requestId", Sort.by("id"), id);
    }

    /** The signed, expiring link of an export bundle. */
    public String downloadLink(UUID requestId) {
        return publicBaseUrl + "/public/requests/download?token=" + links.sign(DOWNLOAD_SCOPE, requestId.toString(),
                downloadValidity);
    }

    /** The bundle behind a download link, once; null if it was downloaded already. */
    @Transactional
    public ExportBundle download(String token) {
        UUID id = UUID.fromString(links.verify(token, DOWNLOAD_SCOPE).subject());
        ExportBundle bundle = ExportBundle.findById(id);
        if (bundle == null || bundle.downloadedAt != null) {
            return null;
        }
        bundle.downloadedAt = clock.instant();
        audit(find(id), "data subject", "export downloaded", null);
        return bundle;
    }

    private DataSubjectRequest create(RequestType type, Origin origin, String email, List<UUID> personIds, String details,
            String actor) {
        DataSubjectRequest request = new DataSubjectRequest();
        request.id = UUID.randomUUID();
        request.type = type;
        request.origin = origin;
        request.status = Status.RECEIVED;
        request.email = email == null ? null : email.strip().toLowerCase();
        request.personIds = List.copyOf(personIds);
        request.details = details;
        request.createdBy = actor;
        request.receivedAt = clock.instant();
        request.dueAt = request.receivedAt.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
        request.persist();
        return request;
    }

    private void verified(DataSubjectRequest request, String how) {
        request.status = Status.VERIFIED;
        request.verifiedAt = clock.instant();
        Verification.deleteById(request.id);
        audit(request, "data subject", "verified", "by " + how);
        linkDuplicate(request, "erasure-service");
    }

    /** A second open request of the same type for the same address is linked to the first instead of running twice. */
    private boolean linkDuplicate(DataSubjectRequest request, String actor) {
        if (request.email == null) {
            return false;
        }
        DataSubjectRequest open = DataSubjectRequest.<DataSubjectRequest> find(
                "type = ?1 and email = ?2 and id <> ?3 and status in ?4 order by receivedAt", request.type, request.email,
                request.id, List.of(Status.VERIFIED, Status.APPROVED, Status.IN_PROGRESS)).firstResult();
        if (open == null) {
            return false;
        }
        request.duplicateOf = open.id;
        request.status = Status.REJECTED;
        request.rejectionReason = "Duplicate of an open request of the same type";
        request.completedAt = clock.instant();
        audit(request, actor, "duplicate", "linked to " + open.id);
        return true;
    }

    private void approve(DataSubjectRequest request, String actor, String bearerToken) {
        Set<UUID> ids = new LinkedHashSet<>(request.personIds);
        if (request.email != null && bearerToken != null) {
            ids.addAll(subjects.personIds(request.email, bearerToken));
        }
        request.personIds = List.copyOf(ids);
        request.status = Status.APPROVED;
        request.approvedAt = clock.instant();
        request.approvedBy = actor;
        audit(request, actor, "approved", ids.size() + " person(s) resolved");
        if (request.type != RequestType.RECTIFICATION && !fanOut(request)) {
            audit(request, "erasure-service", "waiting", "no participant has announced itself yet");
        }
    }

    /** One command on dsr.commands for every participant that answers the request's action. */
    private boolean fanOut(DataSubjectRequest request) {
        DsrAction action = action(request.type);
        List<Participant> participants = Participant.<Participant> listAll(Sort.by("name")).stream()
                .filter(p -> p.actions.contains(action.name())).toList();
        if (participants.isEmpty()) {
            return false;
        }
        CloudEvent command = command(request, action.name(), participants.stream().map(p -> p.name).toList());
        Instant now = clock.instant();
        for (Participant participant : participants) {
            Task task = new Task();
            task.requestId = request.id;
            task.participant = participant.name;
            task.action = action.name();
            task.status = Task.Status.PENDING;
            task.commandId = command.id();
            task.attempts = 1;
            task.nextRetryAt = now.plus(backoff(1));
            task.persist();
        }
        request.status = Status.IN_PROGRESS;
        audit(request, "erasure-service", "fanned out", action + " to " + participants.size() + " participant(s)");
        return true;
    }

    private CloudEvent command(DataSubjectRequest request, String action, List<String> participants) {
        DsrCommand command = new DsrCommand(request.id, new SubjectIds(request.personIds,
                request.email == null ? List.of() : List.of(request.email)), participants);
        return outbox.publish(DsrAction.valueOf(action).commandType(), request.id.toString(), command);
    }

    private void assembleExport(DataSubjectRequest request, List<Task> tasks) {
        ObjectNode bundle = json.createObjectNode();
        bundle.put("requestId", request.id.toString());
        bundle.put("type", request.type.name());
        bundle.put("generatedAt", clock.instant().toString());
        bundle.set("personIds", json.valueToTree(request.personIds));
        ObjectNode slices = bundle.putObject("slices");
        for (Task task : tasks) {
            if (task.status == Task.Status.HELD) {
                slices.putObject(task.participant).put("heldFor", task.legalReason);
            } else {
                slices.set(task.participant, task.slice == null ? json.nullNode() : task.slice);
            }
            task.slice = null; // the bundle is the one copy
        }
        ExportBundle export = new ExportBundle();
        export.requestId = request.id;
        export.bundle = bundle;
        export.readyAt = clock.instant();
        export.persist();
        audit(request, "erasure-service", "export assembled", tasks.size() + " slice(s)");
        notify(request, "dsr.export-ready", Map.of("downloadLink", downloadLink(request.id),
                "expiresAt", clock.instant().plus(downloadValidity).toString()));
    }

    private void finish(DataSubjectRequest request, Status status, String actor) {
        request.status = status;
        request.completedAt = clock.instant();
        audit(request, actor, status.name().toLowerCase(), null);
        notify(request, "dsr.completed", Map.of("requestType", request.type.name()));
    }

    /** Mail to the address of the request (retention requests have none). */
    private void notify(DataSubjectRequest request, String template, Map<String, String> parameters) {
        if (request.email != null) {
            outbox.publish(EventType.NOTIFICATION_REQUESTED, request.id.toString(),
                    new NotificationRequested(template, null, request.email, null, parameters));
        }
    }

    private DataSubjectRequest open(UUID id) {
        DataSubjectRequest request = find(id);
        if (request.status.isFinal()) {
            throw conflict("The request is " + request.status + " already.");
        }
        return request;
    }

    public void audit(DataSubjectRequest request, String actor, String action, String detail) {
        AuditEntry entry = new AuditEntry();
        entry.requestId = request.id;
        entry.at = clock.instant();
        entry.actor = actor;
        entry.action = action;
        entry.detail = detail;
        entry.persist();
    }

    private Duration backoff(int attempts) {
        return retryAfter.multipliedBy(1L << Math.min(attempts - 1, 10));
    }

    static DsrAction action(RequestType type) {
        return switch (type) {
            case ACCESS, PORTABILITY -> DsrAction.EXPORT;
            case ERASURE -> DsrAction.ERASE;
            // An objection (Art. 21) stops the processing objected to: the participants restrict it.
            case RESTRICTION, OBJECTION -> DsrAction.RESTRICT;
            case RECTIFICATION -> throw new IllegalArgumentException("rectification has no fan-out");
        };
    }

    private static Task.Key key(UUID requestId, String participant) {
        Task.Key key = new Task.Key();
        key.requestId = requestId;
        key.participant = participant;
        return key;
    }

    private static ClientErrorException conflict(String message) {
        return new ClientErrorException(message, 409);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
