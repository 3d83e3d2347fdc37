package org.gdprsuite.erasure.centre;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.gdprsuite.erasure.domain.AuditTrail;
import org.gdprsuite.erasure.domain.Origin;
import org.gdprsuite.erasure.domain.Request;
import org.gdprsuite.erasure.domain.RequestStatus;
import org.gdprsuite.erasure.domain.RequestStore;
import org.gdprsuite.erasure.domain.RequestType;
import org.gdprsuite.erasure.domain.Rules;
import org.gdprsuite.erasure.export.ExportBundles;
import org.gdprsuite.erasure.export.ExportStore;
import org.gdprsuite.erasure.intake.Intake;

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

    /** The rights the centre asks for in this slice (correction and objection come with their own pages). */
    public static final Set<RequestType> ASKABLE =
            Set.of(RequestType.ACCESS, RequestType.PORTABILITY, RequestType.ERASURE, RequestType.RESTRICTION);

    static final String ACTOR = "data subject";

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
    AuditTrail audit;

    @Inject
    Clock clock;

    /** A request of the session's address; an open one of the same type is linked to instead of run twice. */
    @Transactional
    public UUID ask(String address, RequestType type, String details) {
        if (!ASKABLE.contains(type)) {
            throw new IllegalArgumentException("not askable from the centre: " + type);
        }
        Request request = insert(address, type, details, "through the privacy centre; address proved by its session");
        intake.linkDuplicate(request, ACTOR);
        return request.id();
    }

    /**
     * A correction (Art. 16) of one field of the person's contact details, as a RECTIFICATION request staff review and
     * carry out in the CRM, as the portal's. Each correction is a request of its own: two open ones are not merged.
     */
    @Transactional
    public UUID correct(String address, CentreCorrection correction) {
        return insert(
                        address,
                        RequestType.RECTIFICATION,
                        correction.details(),
                        "through the privacy centre (correction of "
                                + correction.field().key() + ")")
                .id();
    }

    private Request insert(String address, RequestType type, String details, String how) {
        Instant now = clock.instant();
        Request request = new Request(
                UUID.randomUUID(),
                type,
                RequestStatus.VERIFIED,
                Origin.PORTAL,
                address,
                List.of(),
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
