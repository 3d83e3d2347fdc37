package org.gdprsuite.erasure.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.erasure.config.ErasureConfig;
import org.gdprsuite.erasure.domain.AuditTrail;
import org.gdprsuite.erasure.domain.Objection;
import org.gdprsuite.erasure.domain.Origin;
import org.gdprsuite.erasure.domain.Request;
import org.gdprsuite.erasure.domain.RequestStatus;
import org.gdprsuite.erasure.domain.RequestStore;
import org.gdprsuite.erasure.domain.RequestType;
import org.gdprsuite.erasure.domain.Rules;
import org.gdprsuite.erasure.fanout.Decisions;
import org.gdprsuite.erasure.fanout.FanOut;
import org.gdprsuite.erasure.fanout.Objections;
import org.gdprsuite.erasure.fanout.SubjectResolver;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Requests coming in: taken by staff (identity checked by them), submitted on the portal (waiting for the
 * address to be proved), or asked for by a retention sweep (approved by the policy, one request per person).
 */
@ApplicationScoped
public class Intake {

    private static final String RETENTION_ACTOR = "contact-service retention";

    @Inject
    RequestStore requests;

    @Inject
    AddressVerification verification;

    @Inject
    Decisions decisions;

    @Inject
    FanOut fanOut;

    @Inject
    SubjectResolver subjects;

    @Inject
    Objections objections;

    @Inject
    AuditTrail audit;

    @Inject
    ErasureConfig config;

    @Inject
    Clock clock;

    /**
     * Verified at once; approved at once too if its type is auto-approved and it is no duplicate. An access or
     * portability request's export is mailed only to an address contact-service has on file for the person (asked
     * on the staff member's token); without an address the DPO hands it over. An objection comes with what it
     * objects to ({@code objection}, null for the other types).
     */
    @Transactional
    public UUID takeFromStaff(
            RequestType type,
            String email,
            List<UUID> personIds,
            Objection objection,
            String details,
            String actor,
            String bearerToken) {
        if (email != null && !email.isBlank() && Rules.exports(type)) {
            Rules.requireAddressOnFile(subjects.personIds(address(email), bearerToken), personIds);
        }
        Request request = create(type, Origin.STAFF, RequestStatus.VERIFIED, email, personIds, details, actor);
        if (objection != null) {
            objections.taken(request.id(), objection);
        }
        audit.record(request.id(), actor, "received", "taken by staff");
        if (!linkDuplicate(request, actor)
                && config.erasure()
                        .autoApprove()
                        .map(types -> types.contains(type))
                        .orElse(false)) {
            decisions.approve(request, "auto-approval", bearerToken);
        }
        return request.id();
    }

    /** It waits for the code or link sent to the address. */
    @Transactional
    public UUID takeFromPortal(RequestType type, String email, String details) {
        Request request =
                create(type, Origin.PORTAL, RequestStatus.RECEIVED, email, List.of(), details, "data subject");
        verification.send(request);
        audit.record(request.id(), "data subject", "received", "through the portal; verification sent");
        return request.id();
    }

    /** A retention sweep matched these persons: one approved erasure request each, erased together as one batch. */
    @Transactional
    public UUID fromRetention(List<UUID> personIds, String policy) {
        Instant now = clock.instant();
        UUID batchId = fanOut.newBatch(now);
        List<UUID> ids =
                requests.insertRetention(batchId, personIds, "retention policy " + policy, RETENTION_ACTOR, now);
        audit.record(ids, RETENTION_ACTOR, "received", "retention policy");
        audit.record(ids, "retention policy", "approved", "1 person(s) resolved");
        fanOut.dispatchBatches();
        return batchId;
    }

    /** A second open request of the same type for the same address is linked to the first instead of running twice. */
    public boolean linkDuplicate(Request request, String actor) {
        if (request.email() == null) {
            return false;
        }
        return requests.openDuplicate(request)
                .map(first -> {
                    requests.rejected(
                            request.id(), "Duplicate of an open request of the same type", first, clock.instant());
                    audit.record(request.id(), actor, "duplicate", "linked to " + first);
                    return true;
                })
                .orElse(false);
    }

    /** The address as stored and looked up. */
    private static String address(String email) {
        return email.strip().toLowerCase();
    }

    private Request create(
            RequestType type,
            Origin origin,
            RequestStatus status,
            String email,
            List<UUID> personIds,
            String details,
            String actor) {
        Instant now = clock.instant();
        Request request = new Request(
                UUID.randomUUID(),
                type,
                status,
                origin,
                email == null ? null : address(email),
                List.copyOf(personIds),
                details,
                now,
                Rules.dueAt(now),
                status == RequestStatus.VERIFIED ? now : null,
                null,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                null);
        requests.insert(request, actor);
        return request;
    }
}
