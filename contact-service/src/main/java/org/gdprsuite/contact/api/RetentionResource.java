package org.gdprsuite.contact.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.contact.domain.Person;
import org.gdprsuite.contact.domain.Retention;
import org.gdprsuite.contact.domain.RetentionPolicy;
import org.gdprsuite.contact.domain.RetentionSweep;
import org.gdprsuite.runtime.security.Roles;

import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** Retention policies (dpo, admin): define, dry-run, sweep now; and the log of every sweep. */
@Path("/api/contacts/retention")
@RolesAllowed({ Roles.DPO, Roles.ADMIN })
public class RetentionResource {

    @Inject
    Retention retention;

    @Inject
    SecurityIdentity identity;

    public record PolicyRequest(@NotBlank @Size(max = 200) String name, Person.Category category, boolean withoutLegalBasis,
            @Positive @Max(600) Integer inactiveMonths, boolean includeRestricted, Boolean enabled) {

        @AssertTrue(message = "a policy needs at least one criterion (category, without legal basis, inactive months)")
        public boolean isSelective() {
            return category != null || withoutLegalBasis || inactiveMonths != null;
        }
    }

    public record PolicyView(UUID id, String name, Person.Category category, boolean withoutLegalBasis,
            Integer inactiveMonths, boolean includeRestricted, boolean enabled) {
        static PolicyView of(RetentionPolicy p) {
            return new PolicyView(p.id, p.name, p.category, p.withoutLegalBasis, p.inactiveMonths, p.includeRestricted,
                    p.enabled);
        }
    }

    public record SweepView(UUID id, UUID policyId, Instant startedAt, Instant finishedAt, String startedBy, int matched) {
        static SweepView of(RetentionSweep s) {
            return new SweepView(s.id, s.policyId, s.startedAt, s.finishedAt, s.startedBy, s.matched);
        }
    }

    @GET
    @Path("/policies")
    public List<PolicyView> policies() {
        return RetentionPolicy.<RetentionPolicy> listAll(Sort.by("name")).stream().map(PolicyView::of).toList();
    }

    @POST
    @Path("/policies")
    @Transactional
    public Response create(@NotNull @Valid PolicyRequest request) {
        if (RetentionPolicy.count("name", request.name()) > 0) {
            throw new ClientErrorException("A policy with this name exists.", 409);
        }
        RetentionPolicy policy = new RetentionPolicy();
        policy.id = UUID.randomUUID();
        policy.name = request.name();
        policy.category = request.category();
        policy.withoutLegalBasis = request.withoutLegalBasis();
        policy.inactiveMonths = request.inactiveMonths();
        policy.includeRestricted = request.includeRestricted();
        policy.enabled = request.enabled() == null || request.enabled();
        policy.persist();
        return Response.status(Response.Status.CREATED).entity(PolicyView.of(policy)).build();
    }

    @POST
    @Path("/policies/{id}/dry-run")
    public Retention.DryRun dryRun(@PathParam("id") UUID id) {
        return retention.dryRun(policy(id));
    }

    @POST
    @Path("/policies/{id}/sweeps")
    public SweepView sweep(@PathParam("id") UUID id) {
        RetentionSweep sweep = retention.sweep(policy(id), identity.getPrincipal().getName());
        if (sweep == null) {
            throw new ClientErrorException("A sweep is running; try again in a moment.", 409);
        }
        return SweepView.of(sweep);
    }

    @GET
    @Path("/sweeps")
    public List<SweepView> sweeps() {
        return RetentionSweep.<RetentionSweep> listAll(Sort.descending("startedAt")).stream().map(SweepView::of).toList();
    }

    private static RetentionPolicy policy(UUID id) {
        RetentionPolicy policy = RetentionPolicy.findById(id);
        if (policy == null) {
            throw new NotFoundException("No such retention policy.");
        }
        return policy;
    }
}
