package org.gdprsuite.consent.api;

import java.util.List;
import java.util.UUID;

import org.gdprsuite.consent.domain.Decision;
import org.gdprsuite.consent.domain.DecisionCache;
import org.gdprsuite.consent.domain.Decisions;
import org.gdprsuite.consent.domain.SubjectRef;
import org.gdprsuite.runtime.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/**
 * "May we process person X for purpose P now?" — single and batch. Staff roles and integrating systems ask, naming
 * the subject by {@code personId}, by {@code email}, or (single) by their own id ({@code sourceSystem} +
 * {@code externalId}). An answer about a subject named by address or external id carries the person's id when a
 * person has it, none when it is a pending subject (consents given by address only) or unknown.
 */
@Path("/api/consents/decisions")
@RolesAllowed({Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN, Roles.INTEGRATION})
public class DecisionResource {

    public static final int MAX_BATCH = 10_000;

    @Inject
    Decisions decisions;

    /** Single decisions by person id, the integrators' hot path, answer from memory kept current by the database. */
    @Inject
    DecisionCache cache;

    /** Persons by id or subjects by address, one of the two; answers in the order asked. */
    public record BatchRequest(
            @NotBlank @Size(max = 100) String purpose,
            @Size(max = MAX_BATCH) List<@NotNull UUID> personIds,
            @Size(max = MAX_BATCH) List<@NotBlank @Size(max = 254) String> emails) {

        @AssertTrue(message = "give either personIds or emails, not empty")
        public boolean isOneKindOfSubject() {
            return (personIds == null || personIds.isEmpty()) != (emails == null || emails.isEmpty());
        }
    }

    public record BatchAnswer(String purpose, List<Decision> decisions) {}

    @GET
    public Decision decide(
            @QueryParam("personId") String personId,
            @QueryParam("email") @Size(max = 254) String email,
            @QueryParam("sourceSystem") @Size(max = 100) String sourceSystem,
            @QueryParam("externalId") @Size(max = 200) String externalId,
            @QueryParam("purpose") @NotBlank @Size(max = 100) String purpose) {
        int ways = (personId == null ? 0 : 1)
                + (email == null ? 0 : 1)
                + (sourceSystem == null && externalId == null ? 0 : 1);
        if (ways != 1) {
            throw new BadRequestException(
                    "Name the subject by one of personId, email or sourceSystem with externalId.");
        }
        if (personId != null) {
            return cache.decide(uuid(personId), purpose);
        }
        SubjectRef ref = new SubjectRef(null, email, sourceSystem, externalId).normalized();
        return decisions.decideByIdentity(List.of(ref), purpose).get(0);
    }

    @POST
    public BatchAnswer decideAll(@NotNull @Valid BatchRequest request) {
        if (request.emails() != null && !request.emails().isEmpty()) {
            List<SubjectRef> refs = request.emails().stream()
                    .map(email -> new SubjectRef(null, email, null, null).normalized())
                    .toList();
            return new BatchAnswer(request.purpose(), decisions.decideByIdentity(refs, request.purpose()));
        }
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
