package org.gdprsuite.erasure.centre;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.erasure.config.ErasureConfig;
import org.gdprsuite.erasure.domain.Request;
import org.gdprsuite.erasure.domain.RequestStatus;
import org.gdprsuite.erasure.domain.RequestStore;
import org.gdprsuite.erasure.domain.RequestType;
import org.gdprsuite.erasure.domain.Task;
import org.gdprsuite.erasure.domain.TaskStore;
import org.gdprsuite.erasure.export.ExportStore;
import org.gdprsuite.erasure.fanout.Decisions;
import org.gdprsuite.erasure.fanout.ServiceAccountSubjects;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * See, the centre's copy of the data held about the session's address: started as an access request the session's
 * proof of the address approves, followed slice by slice, read once assembled (or, without self-service, the newest
 * export a formal request left).
 */
@ApplicationScoped
public class CentreSee {

    /** Who approves the access request behind See: the session's proof of the address, no staff member. */
    static final String SEE_APPROVER = "privacy centre (address proved by the person's session)";

    @Inject
    CentreRequests writer;

    @Inject
    CentreStore store;

    @Inject
    RequestStore requests;

    @Inject
    ExportStore exports;

    @Inject
    TaskStore tasks;

    @Inject
    Decisions decisions;

    @Inject
    ServiceAccountSubjects subjects;

    @Inject
    ErasureConfig config;

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
        Request request = writer.insert(
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
}
