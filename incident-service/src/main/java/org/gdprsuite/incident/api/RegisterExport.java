package org.gdprsuite.incident.api;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.gdprsuite.incident.api.IncidentViews.IncidentView;
import org.gdprsuite.incident.domain.Incident;
import org.gdprsuite.runtime.security.Roles;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** The register as the authority may ask for it (Art. 33(5)): every breach, notified or not. */
@Path("/api/incidents/register")
@RolesAllowed({ Roles.DPO, Roles.ADMIN })
public class RegisterExport {

    private static final List<String> COLUMNS = List.of("reference", "title", "status", "nature", "occurredAt", "awareAt",
            "notifyBy", "risk", "riskRationale", "authorityNotifiedAt", "authorityReference", "authorityDelayReason",
            "approxSubjects", "approxRecords", "dataCategories", "likelyConsequences", "measures");

    @Inject
    Clock clock;

    @GET
    @Produces("application/json")
    public List<IncidentView> json() {
        return incidents().map(i -> IncidentView.of(i, clock)).toList();
    }

    @GET
    @Produces("text/csv")
    public Response csv() {
        String rows = incidents().map(i -> Stream.of(i.reference, i.title, i.status, String.join("|", i.nature), i.occurredAt,
                i.awareAt, i.notifyBy(), i.risk, i.riskRationale, i.authorityNotifiedAt, i.authorityReference,
                i.authorityDelayReason, i.approxSubjects, i.approxRecords, String.join("|", i.dataCategories),
                i.likelyConsequences, i.measures).map(RegisterExport::cell).collect(Collectors.joining(",")))
                .collect(Collectors.joining("\r\n", String.join(",", COLUMNS) + "\r\n", "\r\n"));
        return Response.ok(rows).header("Content-Disposition", "attachment; filename=\"breach-register.csv\"").build();
    }

    private static Stream<Incident> incidents() {
        return Incident.<Incident> listAll(Sort.by("reportedAt")).stream();
    }

    /**
     * RFC 4180 quoting, and a leading quote before anything a spreadsheet would run as a formula
     * (=, +, -, @, tab, carriage return): the register may hold text typed by outsiders.
     */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
