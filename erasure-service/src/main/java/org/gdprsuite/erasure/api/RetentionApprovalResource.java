package org.gdprsuite.erasure.api;

import java.time.Instant;
import java.util.UUID;

import org.gdprsuite.erasure.domain.RetentionApproval;
import org.gdprsuite.erasure.domain.RetentionApprovals;
import org.gdprsuite.events.payload.RetentionErasureRequested.Criteria;
import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.runtime.web.Results;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * The retention policies of contact-service the DPO approved (dpo; listed for dpo and admin): a retention sweep's
 * erasures are carried out only for a policy approved here with the criteria it sweeps with, never because an event
 * on the bus asked for them.
 */
@Path("/api/requests/retention-policies")
@RolesAllowed(Roles.DPO)
public class RetentionApprovalResource {

    @Inject
    RetentionApprovals approvals;

    @Inject
    SecurityIdentity identity;

    /** The policy's criteria as contact-service shows them; an approval of none would cover every person. */
    public record Approval(
            @Pattern(regexp = "[A-Za-z_]{1,40}", message = "a category name such as SUPPLIER")
            String category,

            boolean withoutLegalBasis,
            @Positive @Max(600) Integer inactiveMonths,
            boolean includeRestricted) {

        @AssertTrue(message = "a policy needs at least one criterion (category, without legal basis, inactive months)")
        public boolean isSelective() {
            return (category != null && !category.isBlank()) || withoutLegalBasis || inactiveMonths != null;
        }
    }

    public record ApprovalView(
            UUID policyId,
            String category,
            boolean withoutLegalBasis,
            Integer inactiveMonths,
            boolean includeRestricted,
            String approvedBy,
            Instant approvedAt,
            String revokedBy,
            Instant revokedAt) {
        static ApprovalView of(RetentionApproval a) {
            Criteria c = a.criteria();
            return new ApprovalView(
                    a.policyId(),
                    c.category(),
                    c.withoutLegalBasis(),
                    c.inactiveMonths(),
                    c.includeRestricted(),
                    a.approvedBy(),
                    a.approvedAt(),
                    a.revokedBy(),
                    a.revokedAt());
        }
    }

    /** Every approval, revoked ones too, the latest first. */
    @GET
    @RolesAllowed({Roles.DPO, Roles.ADMIN})
    public Results<ApprovalView> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Results<RetentionApproval> found = approvals.page(page, size);
        return new Results<>(found.items().stream().map(ApprovalView::of).toList(), page, size, found.total());
    }

    /** Approves the policy with these criteria (again, if they changed); its sweeps are carried out from now on. */
    @POST
    @Path("/{id}/approval")
    public ApprovalView approve(@PathParam("id") UUID policyId, @NotNull @Valid Approval approval) {
        return ApprovalView.of(approvals.approve(
                policyId,
                new Criteria(
                        approval.category(),
                        approval.withoutLegalBasis(),
                        approval.inactiveMonths(),
                        approval.includeRestricted()),
                identity.getPrincipal().getName()));
    }

    /** Revokes the approval: the policy's next retention events are refused and dead-lettered. */
    @POST
    @Path("/{id}/revocation")
    public ApprovalView revoke(@PathParam("id") UUID policyId) {
        return ApprovalView.of(
                approvals.revoke(policyId, identity.getPrincipal().getName()));
    }
}
