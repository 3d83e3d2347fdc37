package org.gdprsuite.consent.api;

import java.util.List;
import java.util.UUID;

import org.gdprsuite.consent.domain.Decision;
import org.gdprsuite.consent.domain.Decisions;
import org.gdprsuite.runtime.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** "May we process person X for purpose P now?" — single and batch. Staff roles and integrating systems ask. */
@Path("/api/consents/decisions")
@RolesAllowed({Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN, Roles.INTEGRATION})
public class DecisionResource {

    public static final int MAX_BATCH = 10_000;

    @Inject
    Decisions decisions;

    public record BatchRequest(
            @NotBlank @Size(max = 100) String purpose,
            @NotEmpty @Size(max = MAX_BATCH) List<@NotNull UUID> personIds) {}

    public record BatchAnswer(String purpose, List<Decision> decisions) {}

    @GET
    public Decision decide(
            @QueryParam("personId") @NotBlank String personId,
            @QueryParam("purpose") @NotBlank @Size(max = 100) String purpose) {
        return decisions.decide(uuid(personId), purpose);
    }

    @POST
    public BatchAnswer decideAll(@NotNull @Valid BatchRequest request) {
        return new BatchAnswer(request.purpose(), decisions.decide(request.personIds(), request.purpose()));
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("personId must be a UUID.");
        }
    }
}
