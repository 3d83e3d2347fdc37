package org.gdprsuite.consent.api;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.gdprsuite.consent.domain.PurposeRetention;
import org.gdprsuite.consent.domain.PurposeRetention.Due;
import org.gdprsuite.runtime.problem.DomainProblem;
import org.gdprsuite.runtime.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/**
 * Purposes' retention periods: the dry run (who is due now, or within a period to come, and who of them would be
 * left without any basis and so go to contact-service's retention sweep), and the DPO ending the due bases now.
 */
@Path("/api/consents/retention")
@RolesAllowed({Roles.DPO, Roles.ADMIN})
public class PurposeRetentionResource {

    @Inject
    PurposeRetention retention;

    @Inject
    Clock clock;

    /** The due bases per purpose. */
    public record DryRun(Instant at, List<Due> purposes) {}

    /** How many bases were ended. */
    public record Enforced(int ended) {}

    /** {@code within}: an ISO-8601 period (e.g. P30D) to see who will be due by then. */
    @GET
    @Path("/dry-run")
    public DryRun dryRun(@QueryParam("within") String within) {
        Instant at = clock.instant();
        if (within != null && !within.isBlank()) {
            try {
                at = at.atOffset(ZoneOffset.UTC).plus(Period.parse(within)).toInstant();
            } catch (DateTimeParseException e) {
                throw DomainProblem.unprocessable("invalid-period", "within is an ISO-8601 period such as P30D.");
            }
        }
        return new DryRun(at, retention.dryRun(at));
    }

    /** Ends every basis whose retention is over now. */
    @POST
    @Path("/run")
    @RolesAllowed(Roles.DPO)
    public Enforced run() {
        int ended = 0;
        int batch;
        do {
            batch = retention.enforce(PurposeRetention.BATCH);
            ended += batch;
        } while (batch == PurposeRetention.BATCH);
        return new Enforced(ended);
    }
}
