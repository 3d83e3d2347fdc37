package org.gdprsuite.erasure.api;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gdprsuite.erasure.domain.AuditEntry;
import org.gdprsuite.erasure.domain.DataSubjectRequest;
import org.gdprsuite.erasure.domain.DataSubjectRequest.Status;
import org.gdprsuite.erasure.domain.ExportBundle;
import org.gdprsuite.erasure.domain.Participant;
import org.gdprsuite.erasure.domain.RequestType;
import org.gdprsuite.erasure.domain.Requests;
import org.gdprsuite.erasure.domain.Task;
import org.gdprsuite.runtime.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.panache.common.Sort;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** Data-subject requests for staff: intake (dpo, support), approval, rejection and extension (dpo), follow-up. */
@Path("/api/requests")
@RolesAllowed({ Roles.DPO, Roles.SUPPORT, Roles.ADMIN })
public class RequestResource {

    @Inject
    Requests requests;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @Inject
    Clock clock;

    public record NewRequest(@NotNull RequestType type, @Email @Size(max = 320) String email,
            @Size(max = 100) List<@NotNull UUID> personIds, @Size(max = 5000) String details) {

        @AssertTrue(message = "a request needs the person's email or person ids")
        public boolean isAboutSomeone() {
            return (email != null && !email.isBlank()) || (personIds != null && !personIds.isEmpty());
        }
    }

    public record Reason(@NotBlank @Size(max = 2000) String reason) {
    }

    public record Extension(@Min(1) @Max(2) int months, @NotBlank @Size(max = 2000) String reason) {
    }

    public record TaskView(String participant, String action, Task.Status status, int attempts, Instant answeredAt,
            String legalReason, String error) {
        static TaskView of(Task t) {
            return new TaskView(t.participant, t.action, t.status, t.attempts, t.answeredAt, t.legalReason, t.error);
        }
    }

    public record RequestView(UUID id, RequestType type, Status status, DataSubjectRequest.Origin origin, String email,
            List<UUID> personIds, Instant receivedAt, Instant dueAt, boolean overdue, int extendedMonths,
            String extensionReason, Instant approvedAt, String approvedBy, Instant completedAt, String rejectionReason,
            UUID duplicateOf, Instant escalatedAt, List<TaskView> participants) {

        static RequestView of(DataSubjectRequest r, Instant now) {
            return new RequestView(r.id, r.type, r.status, r.origin, r.email, r.personIds, r.receivedAt, r.dueAt,
                    !r.status.isFinal() && now.isAfter(r.dueAt), r.extendedMonths, r.extensionReason, r.approvedAt,
                    r.approvedBy, r.completedAt, r.rejectionReason, r.duplicateOf, r.escalatedAt,
                    Task.<Task> list("requestId", Sort.by("participant"), r.id).stream().map(TaskView::of).toList());
        }
    }

    public record AuditView(Instant at, String actor, String action, String detail) {
        static AuditView of(AuditEntry e) {
            return new AuditView(e.at, e.actor, e.action, e.detail);
        }
    }

    /** A service that announced it holds a slice, and the actions it answers. */
    public record ParticipantView(String name, String version, String slice, List<String> actions, Instant announcedAt) {
    }

    /** Who takes part in data-subject requests: every command waits for these services. */
    @GET
    @Path("/participants")
    public List<ParticipantView> participants() {
        return Participant.<Participant> listAll(Sort.by("name")).stream()
                .map(p -> new ParticipantView(p.name, p.version, p.slice, p.actions, p.announcedAt)).toList();
    }

    /** Open and closed requests by due date; {@code overdue=true} or {@code dueWithinDays=N} filter the open ones. */
    @GET
    public List<RequestView> list(@QueryParam("status") Status status, @QueryParam("overdue") boolean overdue,
            @QueryParam("dueWithinDays") @Min(0) @Max(365) Integer dueWithinDays) {
        Instant now = clock.instant();
        return DataSubjectRequest.<DataSubjectRequest> listAll(Sort.by("dueAt")).stream()
                .filter(r -> status == null || r.status == status)
                .filter(r -> !overdue || (!r.status.isFinal() && now.isAfter(r.dueAt)))
                .filter(r -> dueWithinDays == null || (!r.status.isFinal() && r.dueAt.isBefore(now.plus(Duration.ofDays(dueWithinDays)))))
                .map(r -> RequestView.of(r, now)).toList();
    }

    @POST
    public Response create(@NotNull @Valid NewRequest request) {
        DataSubjectRequest created = requests.takeFromStaff(request.type(), request.email(),
                request.personIds() == null ? List.of() : request.personIds(), request.details(), actor(), token.getRawToken());
        return Response.created(URI.create("/api/requests/" + created.id)).entity(RequestView.of(created, clock.instant()))
                .build();
    }

    @GET
    @Path("/{id}")
    public RequestView get(@PathParam("id") UUID id) {
        return RequestView.of(requests.find(id), clock.instant());
    }

    @GET
    @Path("/{id}/audit")
    public List<AuditView> audit(@PathParam("id") UUID id) {
        requests.find(id);
        return requests.audit(id).stream().map(AuditView::of).toList();
    }

    /** Only the DPO approves; the subject is resolved with contact-service on the DPO's own token. */
    @POST
    @Path("/{id}/approval")
    @RolesAllowed(Roles.DPO)
    public RequestView approve(@PathParam("id") UUID id) {
        return RequestView.of(requests.approve(id, actor(), token.getRawToken()), clock.instant());
    }

    @POST
    @Path("/{id}/rejection")
    @RolesAllowed(Roles.DPO)
    public RequestView reject(@PathParam("id") UUID id, @NotNull @Valid Reason reason) {
        return RequestView.of(requests.reject(id, reason.reason(), actor()), clock.instant());
    }

    @POST
    @Path("/{id}/extension")
    @RolesAllowed(Roles.DPO)
    public RequestView extend(@PathParam("id") UUID id, @NotNull @Valid Extension extension) {
        return RequestView.of(requests.extend(id, extension.months(), extension.reason(), actor()), clock.instant());
    }

    @POST
    @Path("/{id}/completion")
    @RolesAllowed(Roles.DPO)
    public RequestView complete(@PathParam("id") UUID id) {
        return RequestView.of(requests.complete(id, actor()), clock.instant());
    }

    /** The assembled export, for the DPO (e.g. to hand over on paper). */
    @GET
    @Path("/{id}/export")
    @RolesAllowed(Roles.DPO)
    public JsonNode export(@PathParam("id") UUID id) {
        ExportBundle bundle = ExportBundle.findById(id);
        if (bundle == null) {
            throw new NotFoundException("No export is ready for this request.");
        }
        return bundle.bundle;
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
