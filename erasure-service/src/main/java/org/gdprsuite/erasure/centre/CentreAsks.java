package org.gdprsuite.erasure.centre;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.gdprsuite.erasure.config.ErasureConfig;
import org.gdprsuite.erasure.domain.CorrectionStore;
import org.gdprsuite.erasure.domain.Objection;
import org.gdprsuite.erasure.domain.Request;
import org.gdprsuite.erasure.domain.RequestType;
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
 * What a signed-in person asks for in the centre, always of the session's address only (See is {@link CentreSee}'s).
 * A request from the centre is verified at once (the session proved the address) and then goes the way of a
 * verified portal request: the DPO approves it, which resolves every person of the address, and the fan-out follows.
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

    /** Who approves an objection to direct marketing, which no one weighs (Art. 21(3)). */
    static final String OBJECTION_APPROVER =
            "privacy centre (objection to direct marketing, Art. 21(3); address proved by the person's session)";
    /** Who approves a correction the settings apply at once. */
    static final String CORRECTION_APPROVER =
            "privacy centre (a field corrected at once by the settings; address proved by the person's session)";

    /** The data the suite held at the newest export of the address: when, about how many persons, by section. */
    public record Held(UUID requestId, String generatedAt, int persons, Map<String, String> sections) {}

    @Inject
    CentreRequests writer;

    @Inject
    CentreStore store;

    @Inject
    ExportStore exports;

    @Inject
    Intake intake;

    @Inject
    Decisions decisions;

    @Inject
    CorrectionStore corrections;

    @Inject
    Objections objections;

    @Inject
    ServiceAccountSubjects subjects;

    @Inject
    ErasureConfig config;

    /** A request of the session's address; an open one of the same type is linked to instead of run twice. */
    @Transactional
    public UUID ask(String address, RequestType type, String details) {
        if (!ASKABLE.contains(type)) {
            throw new IllegalArgumentException("not askable from the centre: " + type);
        }
        Request request = writer.insert(
                address, type, details, "through the privacy centre; address proved by its session", List.of());
        intake.linkDuplicate(request, CentreRequests.ACTOR);
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
        Request request = writer.insert(
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
        Request request = writer.insert(
                session.email(),
                RequestType.OBJECTION,
                null,
                "through the privacy centre (objection to direct marketing)",
                known ? session.personIds() : List.of());
        objections.taken(request.id(), new Objection(Scope.DIRECT_MARKETING, List.of()));
        if (known) {
            decisions.approve(request, OBJECTION_APPROVER, null);
        } else {
            intake.linkDuplicate(request, CentreRequests.ACTOR);
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
