package org.gdprsuite.erasure.export;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.erasure.config.ErasureConfig;
import org.gdprsuite.erasure.domain.AuditTrail;
import org.gdprsuite.erasure.domain.Notices;
import org.gdprsuite.erasure.domain.Request;
import org.gdprsuite.erasure.domain.TaskStore;
import org.gdprsuite.runtime.links.SignedLinks;
import org.gdprsuite.runtime.problem.DomainProblem;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Export bundles: assembled from the slices when an access or portability request completes, downloaded once
 * through a signed, expiring link; the orchestrator keeps no copy of a subject's data longer than that link lives.
 */
@ApplicationScoped
public class Exports {

    public static final String DOWNLOAD_SCOPE = "dsr-download";

    @Inject
    ExportStore store;

    @Inject
    TaskStore tasks;

    @Inject
    AuditTrail audit;

    @Inject
    Notices notices;

    @Inject
    SignedLinks links;

    @Inject
    ErasureConfig config;

    @Inject
    SealedSlices sealedSlices;

    @Inject
    Clock clock;

    /**
     * One bundle per completed request, from its slices (which are not kept), opened with the request's key, which is
     * destroyed then: the request is closed. The person gets the link.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void assemble(List<Request> completed) {
        for (Request request : completed) {
            List<TaskStore.Slice> slices = tasks.takeSlices(request.id()).stream()
                    .map(slice -> sealedSlices.open(request.id(), slice))
                    .toList();
            store.insert(request.id(), ExportBundles.render(request, slices, clock.instant()), clock.instant());
            audit.record(request.id(), AuditTrail.ORCHESTRATOR, "export assembled", slices.size() + " slice(s)");
            notices.tell(
                    request,
                    "dsr.export-ready",
                    Map.of(
                            "downloadLink",
                            downloadLink(request.id()),
                            "expiresAt",
                            clock.instant()
                                    .plus(config.erasure().downloadValidity())
                                    .toString()));
        }
        sealedSlices.destroy(completed.stream().map(Request::id).toList());
    }

    /** The signed, expiring link of an export bundle. */
    public String downloadLink(UUID requestId) {
        return config.publicBaseUrl() + "/public/requests/download?token="
                + links.sign(
                        DOWNLOAD_SCOPE, requestId.toString(), config.erasure().downloadValidity());
    }

    /**
     * Whether the export behind a valid download link still waits; nothing is spent (mail scanners open links).
     * A tampered, foreign or expired link is refused.
     */
    public boolean waiting(String token) {
        return store.waiting(requestOf(token));
    }

    /** The bundle behind a download link, once; empty if it was downloaded (or handed over) already. */
    @Transactional
    public Optional<JsonNode> download(String token) {
        UUID id = requestOf(token);
        Optional<JsonNode> bundle = store.takeForDownload(id, clock.instant());
        bundle.ifPresent(b -> audit.record(id, "data subject", "export downloaded", null));
        return bundle;
    }

    /** The DPO hands the export over (e.g. on paper, to a person seen in person): it is spent, its link too. */
    @Transactional
    public JsonNode handOver(UUID requestId, String actor) {
        JsonNode bundle = store.takeForDownload(requestId, clock.instant())
                .orElseThrow(() -> store.find(requestId).isPresent()
                        ? DomainProblem.conflict(
                                "export-already-downloaded", "The export was downloaded or handed over already.")
                        : noExport());
        audit.record(requestId, actor, "export handed over", null);
        return bundle;
    }

    /** The assembled export, for the DPO (e.g. to hand over on paper). */
    public JsonNode forDpo(UUID requestId) {
        return store.find(requestId).orElseThrow(Exports::noExport);
    }

    private UUID requestOf(String token) {
        return UUID.fromString(links.verify(token, DOWNLOAD_SCOPE).subject());
    }

    private static DomainProblem noExport() {
        return DomainProblem.notFound("export-not-found", "No export is ready for this request.");
    }

    /**
     * Deletes the bundles past their link's validity (the audit trail records it); returns how many. Destroys the
     * slice keys left to closed requests (e.g. rejected ones) too.
     */
    @Transactional
    public int purgeExpired() {
        sealedSlices.destroyClosed();
        Instant before = clock.instant().minus(config.erasure().downloadValidity());
        List<UUID> purged = store.purgeReadyBefore(before);
        audit.record(purged, AuditTrail.ORCHESTRATOR, "export purged", null);
        return purged.size();
    }
}
