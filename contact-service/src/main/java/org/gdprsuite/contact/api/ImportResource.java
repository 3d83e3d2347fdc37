package org.gdprsuite.contact.api;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.gdprsuite.contact.domain.CsvImport;
import org.gdprsuite.contact.domain.ImportJob;
import org.gdprsuite.contact.domain.ImportJobs;
import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.runtime.web.Results;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * Bringing an existing base into compliance: the CSV import of its contacts, as a job. The upload is checked as a
 * whole and answered 202 with the job's location at once; the job's URL shows its progress, its rows' outcomes
 * are listed, and a retried upload with the same {@code Idempotency-Key} answers the first job.
 */
@Path("/api/contacts/imports")
@RolesAllowed({Roles.SALES, Roles.DPO, Roles.ADMIN})
public class ImportResource {

    @Inject
    ImportJobs jobs;

    @Inject
    SecurityIdentity identity;

    /** {@code source}: where the data came from; {@code purpose} and {@code legalBasis}: recorded for every person. */
    @POST
    @Consumes("text/csv")
    @Operation(
            summary = "Import persons from a CSV file, as a job",
            description =
                    "Header: catalogue field names. mode=per-row imports each good row and reports each bad one;"
                            + " mode=all-or-nothing imports nothing if a row is bad. duplicates=skip|merge: a row whose email a"
                            + " person has already is skipped or merged into that person. Too large an upload is refused (413).")
    @APIResponse(
            responseCode = "202",
            description = "Queued: Location is the job's URL, the body its first view.",
            content = @Content(schema = @Schema(implementation = ImportJobs.View.class)))
    @APIResponse(
            responseCode = "200",
            description =
                    "An upload with this Idempotency-Key and the same content made this job already; nothing new.",
            content = @Content(schema = @Schema(implementation = ImportJobs.View.class)))
    public Response importCsv(
            @QueryParam("source") @NotBlank @Size(max = 200) String source,
            @QueryParam("purpose") @Pattern(regexp = "^[a-z0-9][a-z0-9._-]{0,99}$") String purpose,
            @QueryParam("legalBasis")
                    @Pattern(
                            regexp =
                                    "^(CONSENT|CONTRACT|LEGAL_OBLIGATION|VITAL_INTERESTS|PUBLIC_TASK|LEGITIMATE_INTERESTS)$")
                    String legalBasis,
            @QueryParam("mode") @DefaultValue("per-row") @Pattern(regexp = "^(per-row|all-or-nothing)$") String mode,
            @QueryParam("duplicates") @DefaultValue("skip") @Pattern(regexp = "^(skip|merge)$") String duplicates,
            @Parameter(
                            description = "The client's key of this upload: the same key with the same upload answers"
                                    + " the first job; with another upload 422.",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
                    @HeaderParam("Idempotency-Key")
                    @Pattern(regexp = "^[\\x21-\\x7e]{1,200}$")
                    String idempotencyKey,
            String csv) {
        if ((purpose == null) != (legalBasis == null)) {
            throw new BadRequestException("Give both purpose and legalBasis, or neither.");
        }
        ImportJobs.Submitted submitted = jobs.submit(
                new ImportJobs.Upload(
                        csv == null ? "" : csv,
                        source,
                        purpose == null ? null : new CsvImport.Basis(purpose, legalBasis),
                        "all-or-nothing".equals(mode) ? ImportJob.Mode.ALL_OR_NOTHING : ImportJob.Mode.PER_ROW,
                        "merge".equals(duplicates) ? ImportJob.Duplicates.MERGE : ImportJob.Duplicates.SKIP,
                        idempotencyKey),
                identity.getRoles(),
                identity.getPrincipal().getName());
        return Response.status(submitted.replayed() ? Response.Status.OK : Response.Status.ACCEPTED)
                .entity(jobs.get(submitted.id()))
                .location(URI.create("/api/contacts/imports/" + submitted.id()))
                .build();
    }

    @GET
    @Operation(summary = "The imports, newest first")
    public Results<ImportJobs.View> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return jobs.list(page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An import's state and progress: rows done of total, created, merged, skipped, failed")
    public ImportJobs.View get(@PathParam("id") UUID id) {
        return jobs.get(id);
    }

    @GET
    @Path("/{id}/rows")
    @Operation(summary = "Each row's outcome (CREATED, MERGED, SKIPPED, FAILED) and why, never its values")
    public Results<ImportJobs.RowResult> rows(
            @PathParam("id") UUID id,
            @QueryParam("outcome") @Pattern(regexp = "^(CREATED|MERGED|SKIPPED|FAILED)$") String outcome,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return jobs.rows(id, outcome, page, size);
    }

    @POST
    @Path("/{id}/cancellation")
    @Operation(summary = "Stops an import after its chunk in flight; rows imported before stay")
    public ImportJobs.View cancel(@PathParam("id") UUID id) {
        return jobs.cancel(id);
    }
}
