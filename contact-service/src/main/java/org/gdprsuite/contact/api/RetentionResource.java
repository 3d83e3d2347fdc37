package org.gdprsuite.contact.api;

import java.time.Instant;
import java.util.UUID;

import org.gdprsuite.contact.domain.Person;
import org.gdprsuite.contact.domain.Retention;
import org.gdprsuite.contact.domain.RetentionPolicy;
import org.gdprsuite.contact.domain.RetentionSweep;
import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.runtime.web.Results;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** Retention policies (dpo, admin): define, dry-run, sweep now; and the log of every sweep. */
@Path("/api/contacts/retention")
@RolesAllowed({Roles.DPO, Roles.ADMIN})
public class RetentionResource {

    @Inject
    Retention retention;

    @Inject
    SecurityIdentity identity;

    public record PolicyView(
            UUID id,
            String name,
            Person.Category category,
            boolean withoutLegalBasis,
            Integer inactiveMonths,
            boolean includeRestricted,
            boolean enabled) {
        static PolicyView of(RetentionPolicy p) {
            return new PolicyView(
                    p.id, p.name, p.category, p.withoutLegalBasis, p.inactiveMonths, p.includeRestricted, p.enabled);
        }
    }

    public record SweepView(
            UUID id, UUID policyId, Instant startedAt, Instant finishedAt, String startedBy, int matched) {
        static SweepView of(RetentionSweep s) {
            return new SweepView(s.id, s.policyId, s.startedAt, s.finishedAt, s.startedBy, s.matched);
        }
    }

    /** The policies by name. */
    @GET
    @Path("/policies")
    public Results<PolicyView> policies(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return ResultViews.of(retention.policies(page, size), PolicyView::of);
    }

    @POST
    @Path("/policies")
    public Response create(@NotNull @Valid Retention.PolicyRequest request) {
        RetentionPolicy policy = retention.create(request);
        return Response.status(Response.Status.CREATED)
                .entity(PolicyView.of(policy))
                .build();
    }

    @POST
    @Path("/policies/{id}/dry-run")
    public Retention.DryRun dryRun(@PathParam("id") UUID id) {
        return retention.dryRun(id);
    }

    @POST
    @Path("/policies/{id}/sweeps")
    public SweepView sweep(@PathParam("id") UUID id) {
        return SweepView.of(retention.sweepNow(id, identity.getPrincipal().getName()));
    }

    /** The log of every sweep, newest first. */
    @GET
    @Path("/sweeps")
    public Results<SweepView> sweeps(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return ResultViews.of(retention.sweeps(page, size), SweepView::of);
    }
}
