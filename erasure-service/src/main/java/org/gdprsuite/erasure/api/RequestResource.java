package org.gdprsuite.erasure.api;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gdprsuite.erasure.api.RequestViews.AuditView;
import org.gdprsuite.erasure.api.RequestViews.ParticipantView;
import org.gdprsuite.erasure.api.RequestViews.RequestView;
import org.gdprsuite.erasure.domain.RequestFilter;
import org.gdprsuite.erasure.domain.RequestQueries;
import org.gdprsuite.erasure.domain.RequestStatus;
import org.gdprsuite.erasure.domain.RequestType;
import org.gdprsuite.erasure.domain.Rules;
import org.gdprsuite.erasure.export.Exports;
import org.gdprsuite.erasure.fanout.Decisions;
import org.gdprsuite.erasure.fanout.Participant;
import org.gdprsuite.erasure.fanout.ParticipantStore;
import org.gdprsuite.erasure.intake.Intake;
import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.runtime.web.Results;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Data-subject requests for staff: intake (dpo, support), approval, rejection and extension (dpo), follow-up. */
@Path("/api/requests")
@RolesAllowed({Roles.DPO, Roles.SUPPORT, Roles.ADMIN})
public class RequestResource {

    @Inject
    Intake intake;

    @Inject
    Decisions decisions;

    @Inject
    RequestQueries queries;

    @Inject
    ParticipantStore participants;

    @Inject
    Exports exports;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @Inject
    Clock clock;

    public record NewRequest(
            @NotNull RequestType type,
            @Email @Size(max = 320) String email,
            @Size(max = 100) List<@NotNull UUID> personIds,
            @Size(max = 5000) String details,
            /** OBJECTION only: ALL (the default), DIRECT_MARKETING or PURPOSES; another value is refused (422). */
            @Size(max = 40) String scope,
            /** OBJECTION of scope PURPOSES only: the purposes objected to. */
            @Size(max = 100) List<@NotNull @Size(max = 100) String> purposes) {

        @AssertTrue(message = "a request needs the person's email or person ids")
        public boolean isAboutSomeone() {
            return (email != null && !email.isBlank()) || (personIds != null && !personIds.isEmpty());
        }
    }

    public record Reason(@NotBlank @Size(max = 2000) String reason) {}

    public record Extension(
            @Min(1) @Max(2) int months,
            @NotBlank @Size(max = 2000) String reason) {}

    /** Who takes part in data-subject requests: every command waits for these services. */
    @GET
    @Path("/participants")
    public Results<ParticipantView> participants(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Results<Participant> found = participants.page(page, size);
        return new Results<>(found.items().stream().map(ParticipantView::of).toList(), page, size, found.total());
    }

    /**
     * Requests by due date, a page at a time; {@code overdue=true} or {@code dueWithinDays=N} keep the open ones,
     * {@code personId} those about one person.
     */
    @GET
    public Results<RequestView> list(
            @QueryParam("status") RequestStatus status,
            @QueryParam("overdue") boolean overdue,
            @QueryParam("dueWithinDays") @Min(0) @Max(365) Integer dueWithinDays,
            @QueryParam("personId") UUID personId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        var found = queries.page(new RequestFilter(status, overdue, dueWithinDays, personId), page, size);
        return new Results<>(
                found.items().stream()
                        .map(r -> RequestView.of(r, clock.instant()))
                        .toList(),
                page,
                size,
                found.total());
    }

    @POST
    public Response create(@NotNull @Valid NewRequest request) {
        UUID id = intake.takeFromStaff(
                request.type(),
                request.email(),
                request.personIds() == null ? List.of() : request.personIds(),
                Rules.objection(request.type(), request.scope(), request.purposes()),
                request.details(),
                actor(),
                token.getRawToken());
        return Response.created(URI.create("/api/requests/" + id))
                .entity(get(id))
                .build();
    }

    @GET
    @Path("/{id}")
    public RequestView get(@PathParam("id") UUID id) {
        return RequestView.of(queries.get(id), clock.instant());
    }

    @GET
    @Path("/{id}/audit")
    public Results<AuditView> audit(
            @PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        var found = queries.audit(id, page, size);
        return new Results<>(found.items().stream().map(AuditView::of).toList(), page, size, found.total());
    }

    /** Only the DPO approves; the subject is resolved with contact-service on the DPO's own token. */
    @POST
    @Path("/{id}/approval")
    @RolesAllowed(Roles.DPO)
    public RequestView approve(@PathParam("id") UUID id) {
        decisions.approve(id, actor(), token.getRawToken());
        return get(id);
    }

    @POST
    @Path("/{id}/rejection")
    @RolesAllowed(Roles.DPO)
    public RequestView reject(@PathParam("id") UUID id, @NotNull @Valid Reason reason) {
        decisions.reject(id, reason.reason(), actor());
        return get(id);
    }

    @POST
    @Path("/{id}/extension")
    @RolesAllowed(Roles.DPO)
    public RequestView extend(@PathParam("id") UUID id, @NotNull @Valid Extension extension) {
        decisions.extend(id, extension.months(), extension.reason(), actor());
        return get(id);
    }

    @POST
    @Path("/{id}/completion")
    @RolesAllowed(Roles.DPO)
    public RequestView complete(@PathParam("id") UUID id) {
        decisions.complete(id, actor());
        return get(id);
    }

    /** The assembled export, for the DPO (e.g. to hand over on paper). */
    @GET
    @Path("/{id}/export")
    @RolesAllowed(Roles.DPO)
    public JsonNode export(@PathParam("id") UUID id) {
        return exports.forDpo(id);
    }

    /**
     * The DPO hands the export over (e.g. on paper, when the request named no address on file): the bundle as a
     * file, once; the person's download link is spent with it.
     */
    @POST
    @Path("/{id}/export/handover")
    @RolesAllowed(Roles.DPO)
    @Produces(MediaType.APPLICATION_JSON)
    public Response handOver(@PathParam("id") UUID id) {
        return Response.ok(exports.handOver(id, actor()))
                .header("Content-Disposition", "attachment; filename=\"export-" + id + ".json\"")
                .build();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
