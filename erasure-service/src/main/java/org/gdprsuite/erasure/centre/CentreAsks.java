package org.gdprsuite.erasure.centre;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.gdprsuite.erasure.config.ErasureConfig;
import org.gdprsuite.erasure.domain.AuditTrail;
import org.gdprsuite.erasure.domain.CorrectionStore;
import org.gdprsuite.erasure.domain.Objection;
import org.gdprsuite.erasure.domain.Origin;
import org.gdprsuite.erasure.domain.Request;
import org.gdprsuite.erasure.domain.RequestStatus;
import org.gdprsuite.erasure.domain.RequestStore;
import org.gdprsuite.erasure.domain.RequestType;
import org.gdprsuite.erasure.domain.Rules;
import org.gdprsuite.erasure.domain.Task;
import org.gdprsuite.erasure.domain.TaskStore;
import org.gdprsuite.erasure.export.ExportBundles;
import org.gdprsuite.erasure.export.ExportStore;
import org.gdprsuite.erasure.fanout.Decisions;
import org.gdprsuite.erasure.fanout.Objections;
import org.gdprsuite.erasure.fanout.ServiceAccountSubjects;
import org.gdprsuite.erasure.intake.Intake;
import org.gdprsuite.events.payload.ObjectionChanged.Scope;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * What a signed-in person asks for and sees in the centre, always of the session's address only. A request from
 * the centre is verified at once (the session proved the address) and then goes the way of a verified portal
 * request: the DPO approves it, which resolves every person of the address, and the fan-out follows.
 */
@ApplicationScoped
public class CentreAsks {

    /**
     * The rights the centre's request form asks for (a correction and an objection to direct marketing have forms of
     * their own); an objection asked here names its grounds in the details, and the DPO weighs it (Art. 21(1)).
     */
    public static final Set<RequestType> ASKABLE = Set.of(
            RequestType.ACCESS,
            RequestType.PORTABILITY,
            RequestType.ERASURE,
            RequestType.RESTRICTION,
            RequestType.OBJECTION);

    static final String ACTOR = "data subject";
    /** Who approves the access request behind See: the session's proof of the address, no staff member. */
    static final String SEE_APPROVER = "privacy centre (address proved by the person's session)";
    /** Who approves an objection to direct marketing, which no one weighs (Art. 21(3)). */
    static final String OBJECTION_APPROVER =
            "privacy centre (objection to direct marketing, Art. 21(3); address proved by the person's session)";
    /** Who approves a correction the settings apply at once. */
    static final String CORRECTION_APPROVER =
            "privacy centre (a field corrected at once by the settings; address proved by the person's session)";

    /** The data the suite held at the newest export of the address: when, about how many persons, by section. */
    public record Held(UUID requestId, String generatedAt, int persons, Map<String, String> sections) {}

    @Inject
    RequestStore requests;

    @Inject
    CentreStore store;

    @Inject
    ExportStore exports;

    @Inject
    Intake intake;

    @Inject
    Decisions decisions;

    @Inject
    TaskStore tasks;

    @Inject
    CorrectionStore corrections;

    @Inject
    Objections objections;

    @Inject
    ServiceAccountSubjects subjects;

    @Inject
    ErasureConfig config;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** A request of the session's address; an open one of the same type is linked to instead of run twice. */
    @Transactional
    public UUID ask(String address, RequestType type, String details) {
        if (!ASKABLE.contains(type)) {
            throw new IllegalArgumentException("not askable from the centre: " + type);
        }
        Request request =
                insert(address, type, details, "through the privacy centre; address proved by its session", List.of());
        intake.linkDuplicate(request, ACTOR);
        return request.id();
    }

    /**
     * A correction (Art. 16) of one field of the person's contact details, as a RECTIFICATION request that names it:
     * once approved, contact-service sets it on every person of the request. A field the settings apply at once is
     * approved by the session's proof of the address (the session's persons known); any other waits for staff review.
     * Each correction is a request of its own: two open ones are not merged.
     */
    @Transactional
    public UUID correct(CentreStore.Session session, CentreCorrection correction) {
        boolean known = knowsPersons(session);
        Request request = insert(
                session.email(),
                RequestType.RECTIFICATION,
                correction.details(),
                "through the privacy centre (correction of "
                        + correction.field().key() + ")",
                known ? session.personIds() : List.of());
        corrections.insert(request.id(), correction.field().key(), correction.value());
        if (appliedAtOnce(session).contains(correction.field().key())) {
            decisions.approve(request, CORRECTION_APPROVER, null);
        }
        return request.id();
    }

    /**
     * An objection to direct marketing (Art. 21(2)): absolute (Art. 21(3)), so no one weighs it. Approved by the
     * session's proof of the address once its persons are known, it goes to consent-service at once and the
     * decisions of every direct-marketing purpose turn OBJECTED; else it waits for staff to match the address (and a
     * second one waiting is linked to the first).
     */
    @Transactional
    public UUID objectToDirectMarketing(CentreStore.Session session) {
        boolean known = knowsPersons(session);
        Request request = insert(
                session.email(),
                RequestType.OBJECTION,
                null,
                "through the privacy centre (objection to direct marketing)",
                known ? session.personIds() : List.of());
        objections.taken(request.id(), new Objection(Scope.DIRECT_MARKETING, List.of()));
        if (known) {
            decisions.approve(request, OBJECTION_APPROVER, null);
        } else {
            intake.linkDuplicate(request, ACTOR);
        }
        return request.id();
    }

    /**
     * The fields (contact-service's names) a correction of this session sets at once: those of the settings, once the
     * session's persons are known on the service's own identity (else staff confirm who the address is); none
     * otherwise.
     */
    public Set<String> appliedAtOnce(CentreStore.Session session) {
        return knowsPersons(session) ? config.erasure().centreCorrectionsApplied() : Set.of();
    }

    private boolean knowsPersons(CentreStore.Session session) {
        return subjects.available()
                && session.personIds() != null
                && !session.personIds().isEmpty();
    }

    /**
     * Whether See shows the data at once: the setting allows it and the session's persons were resolved on the
     * service's own identity (else staff confirm who the address is, and See is a formal access request).
     */
    public boolean selfService(CentreStore.Session session) {
        return config.erasure().centreSelfServiceAccess() && subjects.available() && session.personIds() != null;
    }

    /**
     * See, started: an access request of the session's persons, verified and approved by the session's proof of the
     * address (audited as such), fanned out as any approved one. Only this session shows it; nothing happens while
     * one of its copies is being assembled or ready, or when the address has no person.
     */
    @Transactional
    public void see(CentreStore.Session session) {
        Seeing now = seeing(session);
        if (!now.notStarted() && !now.failed()) {
            return;
        }
        Request request = insert(
                session.email(),
                RequestType.ACCESS,
                null,
                "through the privacy centre, to see the data; address proved by its session",
                session.personIds());
        decisions.approve(request, SEE_APPROVER, null);
        store.seeRequest(session.idSha256(), request.id());
    }

    /** Where the session's See stands: its copy ready, being assembled (slices answered so far), or not started. */
    public Seeing seeing(CentreStore.Session session) {
        if (session.personIds().isEmpty()) {
            return new Seeing(Seeing.State.NONE_HELD, 0, 0, 0, null);
        }
        int persons = session.personIds().size();
        UUID id = session.seeRequestId();
        if (id == null) {
            return new Seeing(Seeing.State.NOT_STARTED, persons, 0, 0, null);
        }
        Optional<JsonNode> bundle = exports.find(id);
        if (bundle.isPresent()) {
            return new Seeing(Seeing.State.READY, persons, 0, 0, bundle.get());
        }
        RequestStatus status = requests.find(id).map(Request::status).orElse(RequestStatus.COMPLETED);
        if (status.isFinal()) {
            // Completed and purged since (download-validity), or failed: a fresh copy may be started.
            return new Seeing(
                    status == RequestStatus.COMPLETED ? Seeing.State.NOT_STARTED : Seeing.State.FAILED,
                    persons,
                    0,
                    0,
                    null);
        }
        List<Task> asked = tasks.ofRequests(List.of(id)).getOrDefault(id, List.of());
        int answered = (int) asked.stream().filter(t -> t.status().isAnswered()).count();
        return new Seeing(Seeing.State.ASSEMBLING, persons, answered, asked.size(), null);
    }

    /** What See shows; {@code bundle} only when ready. */
    public record Seeing(State state, int persons, int answered, int expected, JsonNode bundle) {

        public enum State {
            NONE_HELD,
            NOT_STARTED,
            ASSEMBLING,
            READY,
            FAILED
        }

        public boolean noneHeld() {
            return state == State.NONE_HELD;
        }

        public boolean notStarted() {
            return state == State.NOT_STARTED;
        }

        public boolean assembling() {
            return state == State.ASSEMBLING;
        }

        public boolean ready() {
            return state == State.READY;
        }

        public boolean failed() {
            return state == State.FAILED;
        }
    }

    private Request insert(String address, RequestType type, String details, String how, List<UUID> personIds) {
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

    /**
     * The data of the session as its export bundle: the session's See copy once ready, or (without self-service) the
     * newest export still kept of the address.
     */
    public Optional<JsonNode> bundleOf(CentreStore.Session session) {
        if (selfService(session)) {
            return Optional.ofNullable(seeing(session).bundle());
        }
        return store.newestExportOf(session.email()).flatMap(exports::find);
    }

    /** The address's requests, newest first. */
    public List<CentreStore.Asked> requestsOf(String address) {
        return store.requestsOf(address);
    }

    /** What the newest export still kept of the address holds; empty if none is (yet, or any more). */
    public Optional<Held> held(String address) {
        return store.newestExportOf(address).flatMap(id -> exports.find(id).map(bundle -> held(id, bundle)));
    }

    private static Held held(UUID id, JsonNode bundle) {
        return new Held(
                id,
                bundle.path("generatedAt").asText(),
                bundle.path("personIds").size(),
                ExportBundles.readable(bundle));
    }
}
