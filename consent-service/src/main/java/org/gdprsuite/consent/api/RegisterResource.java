package org.gdprsuite.consent.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gdprsuite.consent.domain.ProcessingRegister;
import org.gdprsuite.consent.domain.ProcessingRegister.Entry;
import org.gdprsuite.consent.domain.ProcessingRegister.Version;
import org.gdprsuite.consent.domain.RegisterEntries.Activity;
import org.gdprsuite.consent.domain.RegisterEntries.Controller;
import org.gdprsuite.consent.domain.SuiteSystems;
import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.runtime.web.Results;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The record of processing activities (Art. 30(1)), kept by the DPO (who alone writes it) and read by the DPO and
 * admins: the controller record, one entry per purpose, their versions, and the whole register as JSON, CSV and a
 * printable HTML page.
 */
@Path("/api/consents/register")
@RolesAllowed({Roles.DPO, Roles.ADMIN})
public class RegisterResource {

    @Inject
    ProcessingRegister register;

    @Inject
    SuiteSystems suiteSystems;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @Inject
    Clock clock;

    /**
     * The whole register as it stands: the controller record (none until the DPO wrote it), every purpose, and the
     * suite's own systems that hold personal data (as they announced themselves to erasure-service).
     */
    public record RegisterView(
            Instant generatedAt,
            Version<Controller> controller,
            List<Entry> activities,
            SuiteSystems.Listing suiteSystems) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance register(RegisterView register);
    }

    @GET
    public RegisterView export() {
        return new RegisterView(
                clock.instant(),
                register.controller().orElse(null),
                register.entries(),
                suiteSystems.list(token.getRawToken()));
    }

    /** The register as a spreadsheet: one row per purpose (lists joined by "; "). */
    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    public Response csv() {
        return Response.ok(RegisterCsv.of(export()))
                .type("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"record-of-processing-activities.csv\"")
                .build();
    }

    /** The register as a page to print (or save as PDF) from the browser. */
    @GET
    @Path("/export.html")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance html() {
        return Templates.register(export());
    }

    @GET
    @Path("/controller")
    public Version<Controller> controller() {
        return register.controller()
                .orElseThrow(() -> org.gdprsuite.runtime.problem.DomainProblem.notFound(
                        "controller-record-not-found", "The controller record is not written yet."));
    }

    /** A new version of the controller record. */
    @PUT
    @Path("/controller")
    @RolesAllowed(Roles.DPO)
    public Version<Controller> writeController(@NotNull @Valid Controller controller) {
        return register.controller(controller, by());
    }

    @GET
    @Path("/controller/versions")
    public Results<Version<JsonNode>> controllerVersions(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return register.controllerVersions(page, size);
    }

    @GET
    @Path("/activities/{purpose}")
    public Entry activity(@PathParam("purpose") String purpose) {
        return register.entry(purpose);
    }

    /** A new version of a purpose's entry (the purpose must be in the catalogue). */
    @PUT
    @Path("/activities/{purpose}")
    @RolesAllowed(Roles.DPO)
    public Entry describe(@PathParam("purpose") String purpose, @NotNull @Valid Activity activity) {
        return register.describe(purpose, activity, by());
    }

    @GET
    @Path("/activities/{purpose}/versions")
    public Results<Version<JsonNode>> versions(
            @PathParam("purpose") String purpose,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return register.versions(purpose, page, size);
    }

    private String by() {
        return identity.getPrincipal().getName();
    }
}
