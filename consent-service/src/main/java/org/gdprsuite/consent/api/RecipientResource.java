package org.gdprsuite.consent.api;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.gdprsuite.consent.domain.RecipientEntry;
import org.gdprsuite.consent.domain.RecipientNotices;
import org.gdprsuite.consent.domain.RecipientNotices.Kind;
import org.gdprsuite.consent.domain.RecipientNotices.Notice;
import org.gdprsuite.consent.domain.RecipientNotices.State;
import org.gdprsuite.consent.domain.RecipientRegister;
import org.gdprsuite.consent.domain.RecipientRegister.Created;
import org.gdprsuite.consent.domain.RecipientRegister.Stored;
import org.gdprsuite.runtime.problem.DomainProblem;
import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.runtime.web.Results;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * The register of recipients and processors (Art. 28, 30(1)(d)), kept by the DPO and read by the DPO and admins,
 * and the notices of erasures, restrictions and rectifications sent to them (Art. 19): who was told of a request and
 * when, the dead ones to retry.
 */
@Path("/api/consents/recipients")
@RolesAllowed({Roles.DPO, Roles.ADMIN})
public class RecipientResource {

    @Inject
    RecipientRegister register;

    @Inject
    RecipientNotices notices;

    @Inject
    SecurityIdentity identity;

    /** Recipients of a request carried out outside the fan-out (a rectification the DPO made in the CRM). */
    public record CarriedOut(
            @NotNull UUID requestId,
            @NotNull Kind kind,
            @NotEmpty @Size(max = 100) List<@NotNull UUID> personIds) {}

    /** A new signing key, shown this once. */
    public record Secret(String webhookSecret) {}

    @GET
    public Results<Stored> list(
            @QueryParam("purpose") String purpose,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return register.list(purpose, page, size);
    }

    /** Registers a recipient; the answer carries the key its webhook calls are signed with, never shown again. */
    @POST
    @RolesAllowed(Roles.DPO)
    public Response create(@NotNull @Valid RecipientEntry recipient) {
        Created created = register.create(recipient, by());
        return Response.created(URI.create(
                        "/api/consents/recipients/" + created.recipient().id()))
                .entity(created)
                .build();
    }

    @GET
    @Path("/{id}")
    public Stored get(@PathParam("id") UUID id) {
        return register.get(id);
    }

    /** A new version of a recipient. */
    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.DPO)
    public Stored update(@PathParam("id") UUID id, @NotNull @Valid RecipientEntry recipient) {
        return register.update(id, recipient, by());
    }

    /** The recipient leaves the register (its versions and notices stay); its signing key is destroyed. */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.DPO)
    public Stored remove(@PathParam("id") UUID id) {
        return register.remove(id, by());
    }

    @GET
    @Path("/{id}/versions")
    public Results<Stored> versions(
            @PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return register.versions(id, page, size);
    }

    @POST
    @Path("/{id}/secret")
    @RolesAllowed(Roles.DPO)
    public Secret rotateSecret(@PathParam("id") UUID id) {
        return new Secret(register.rotateSecret(id));
    }

    /** Notices newest first: {@code state=DEAD} those given up, {@code requestId} who was told of a request. */
    @GET
    @Path("/notifications")
    public Results<Notice> notifications(
            @QueryParam("state") String state,
            @QueryParam("requestId") UUID requestId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return notices.list(state(state), requestId, page, size);
    }

    /** Tells the recipients of the persons' purposes of a request carried out by hand (e.g. a rectification). */
    @POST
    @Path("/notifications")
    @RolesAllowed(Roles.DPO)
    public Results<Notice> tell(@NotNull @Valid CarriedOut carriedOut) {
        notices.tellByHand(carriedOut.requestId(), carriedOut.kind(), carriedOut.personIds());
        return notices.list(null, carriedOut.requestId(), 0, 100);
    }

    @POST
    @Path("/notifications/{id}/retry")
    @RolesAllowed(Roles.DPO)
    public Notice retry(@PathParam("id") UUID id) {
        return notices.retry(id);
    }

    private static State state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return State.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainProblem.unprocessable("unknown-notification-state", "state is PENDING, SENT, DEAD or MANUAL.");
        }
    }

    private String by() {
        return identity.getPrincipal().getName();
    }
}
