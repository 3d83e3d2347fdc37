package org.gdprsuite.subscription.api;

import java.net.URI;
import java.util.UUID;

import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.runtime.web.Results;
import org.gdprsuite.subscription.domain.MailingJobs;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * Mailings as jobs: a POST answers 202 with the job's location at once, the service's runner sends; the job's
 * URL shows progress, totals and the audit; a cancellation stops it. Sending marketing beyond the consented
 * audience (an override, with its reason, audited) is for the DPO alone.
 */
@Path("/api/subscriptions/mailings")
@RolesAllowed({Roles.MARKETING, Roles.DPO, Roles.ADMIN})
public class MailingResource {

    @Inject
    MailingJobs jobs;

    @Inject
    SecurityIdentity identity;

    public record ConsentOverride(
            @NotBlank @Size(max = 2000) String reason) {}

    public record MailingRequest(
            @NotNull MailingJobs.Kind kind,
            @Size(max = 100) String typeKey,
            UUID selectionId,
            @NotBlank @Size(max = 200) String subject,
            @NotBlank @Size(max = 50_000) String text,
            @Valid ConsentOverride override) {}

    @POST
    public Response queue(@NotNull @Valid MailingRequest request) {
        if (request.override() != null && !identity.hasRole(Roles.DPO)) {
            throw new ForbiddenException("Only the DPO may send marketing beyond the consented audience.");
        }
        MailingJobs.Order order = new MailingJobs.Order(
                request.kind(),
                request.typeKey(),
                request.selectionId(),
                request.subject(),
                request.text(),
                request.override() == null ? null : request.override().reason());
        return accepted(jobs, jobs.queue(order, identity.getPrincipal().getName()));
    }

    /** 202 with the job's location and its first view. */
    static Response accepted(MailingJobs jobs, UUID id) {
        return Response.accepted(jobs.get(id))
                .location(URI.create("/api/subscriptions/mailings/" + id))
                .build();
    }

    @GET
    public Results<MailingJobs.Job> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return jobs.list(page, size);
    }

    /** Progress and totals per state, the skipped per reason, and the audit. */
    @GET
    @Path("/{id}")
    public MailingJobs.Job get(@PathParam("id") UUID id) {
        return jobs.get(id);
    }

    @POST
    @Path("/{id}/cancellation")
    public MailingJobs.Job cancel(@PathParam("id") UUID id) {
        return jobs.cancel(id, identity.getPrincipal().getName());
    }

    /** Each recipient's outcome (sent, skipped with the reason, failed, ...), optionally of one state. */
    @GET
    @Path("/{id}/recipients")
    public Results<MailingJobs.Recipient> recipients(
            @PathParam("id") UUID id,
            @QueryParam("state") @Pattern(regexp = "^[A-Z]{1,20}$") String state,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return jobs.recipients(id, state, page, size);
    }
}
