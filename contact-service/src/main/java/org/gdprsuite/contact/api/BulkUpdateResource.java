package org.gdprsuite.contact.api;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.gdprsuite.contact.domain.BulkUpdates;
import org.gdprsuite.contact.domain.BulkUpdates.BulkResult;
import org.gdprsuite.contact.domain.Person;
import org.gdprsuite.contact.domain.PersonStore;
import org.gdprsuite.runtime.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * Sets or clears fields of every matching person, restricted and anonymized persons left alone: in the request
 * up to {@code gdpr.contact.bulk-update-job-threshold} matches, beyond as a job (202 with its location).
 */
@Path("/api/contacts/bulk-updates")
@RolesAllowed({Roles.SALES, Roles.DPO, Roles.ADMIN})
public class BulkUpdateResource {

    @Inject
    BulkUpdates bulkUpdates;

    @Inject
    SecurityIdentity identity;

    public record Filter(
            Person.Category category, @Size(max = 200) String owner, UUID organisationId) {}

    /** {@code set}: field → new value (null clears); {@code dryRun}: only count the persons it would change. */
    public record BulkUpdate(
            @NotNull @Valid Filter filter, @NotNull JsonNode set, boolean dryRun) {}

    @POST
    @Operation(
            summary = "Set or clear fields of every matching person",
            description = "Done at once (200) up to the configured threshold of matches; beyond it a job (202,"
                    + " Location of the job). A dry run only counts.")
    @APIResponse(
            responseCode = "200",
            description = "Done (or counted, dryRun).",
            content = @Content(schema = @Schema(implementation = BulkResult.class)))
    @APIResponse(
            responseCode = "202",
            description = "More matches than the threshold: queued as a job, Location is its URL.",
            content = @Content(schema = @Schema(implementation = BulkUpdates.View.class)))
    public Response bulkUpdate(@NotNull @Valid BulkUpdate request) {
        Filter filter = request.filter();
        BulkUpdates.Outcome outcome = bulkUpdates.run(
                new PersonStore.Selection(filter.category(), filter.owner(), filter.organisationId()),
                request.set(),
                request.dryRun(),
                identity.getRoles(),
                identity.getPrincipal().getName());
        if (outcome.job() == null) {
            return Response.ok(outcome.result()).build();
        }
        return Response.accepted(bulkUpdates.get(outcome.job()))
                .location(URI.create("/api/contacts/bulk-updates/" + outcome.job()))
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A bulk-update job's state and progress: persons done of matched, updated, batches")
    public BulkUpdates.View get(@PathParam("id") UUID id) {
        return bulkUpdates.get(id);
    }

    @POST
    @Path("/{id}/cancellation")
    @Operation(summary = "Stops a bulk-update job after its batch in flight; persons updated before stay updated")
    public BulkUpdates.View cancel(@PathParam("id") UUID id) {
        return bulkUpdates.cancel(id);
    }
}
