package org.gdprsuite.contact.api;

import org.gdprsuite.contact.domain.ComplianceReports;
import org.gdprsuite.contact.domain.ComplianceReports.ComplianceReport;
import org.gdprsuite.runtime.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** Where the base stands, for the DPO: legal bases, stale and restricted persons, uncatalogued fields. */
@Path("/api/contacts/compliance-report")
public class ComplianceReportResource {

    @Inject
    ComplianceReports reports;

    @GET
    @RolesAllowed({Roles.DPO, Roles.ADMIN})
    public ComplianceReport complianceReport(
            @QueryParam("staleMonths") @DefaultValue("24") @Min(1) @Max(600) int staleMonths) {
        return reports.report(staleMonths);
    }
}
