package org.gdprsuite.incident.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.gdprsuite.incident.api.IncidentViews.IncidentView;
import org.gdprsuite.incident.domain.Incident;
import org.gdprsuite.incident.domain.Incidents;
import org.gdprsuite.runtime.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** The register as the authority may ask for it (Art. 33(5)): every breach, notified or not. */
@Path("/api/incidents/register")
@RolesAllowed({Roles.DPO, Roles.ADMIN})
public class RegisterExport {

    private static final List<String> COLUMNS = List.of(
            "reference",
            "title",
            "status",
            "nature",
            "occurredAt",
            "awareAt",
            "notifyBy",
            "risk",
            "riskRationale",
            "authorityNotifiedAt",
            "authorityReference",
            "authorityDelayReason",
            "approxSubjects",
            "approxRecords",
            "dataCategories",
            "likelyConsequences",
            "measures");

    @Inject
    Clock clock;

    @Inject
    Incidents incidents;

    /** All incidents, or those the controller became aware of in [from, to): a document, not a paged list. */
    @GET
    @Produces("application/json")
    public List<IncidentView> json(@QueryParam("from") String from, @QueryParam("to") String to) {
        List<Incident> found = incidents(from, to).toList();
        Map<UUID, Long> affected =
                incidents.affectedCounts(found.stream().map(i -> i.id).toList());
        Instant now = clock.instant();
        return found.stream()
                .map(i -> IncidentView.of(i, now, affected.getOrDefault(i.id, 0L)))
                .toList();
    }

    @GET
    @Produces("text/csv")
    public Response csv(@QueryParam("from") String from, @QueryParam("to") String to) {
        String rows = incidents(from, to)
                .map(i -> Stream.of(
                                i.reference,
                                i.title,
                                i.status,
                                String.join("|", i.nature),
                                i.occurredAt,
                                i.awareAt,
                                i.notifyBy(),
                                i.risk,
                                i.riskRationale,
                                i.authorityNotifiedAt,
                                i.authorityReference,
                                i.authorityDelayReason,
                                i.approxSubjects,
                                i.approxRecords,
                                String.join("|", i.dataCategories),
                                i.likelyConsequences,
                                i.measures)
                        .map(RegisterExport::cell)
                        .collect(Collectors.joining(",")))
                .collect(Collectors.joining("\r\n", String.join(",", COLUMNS) + "\r\n", "\r\n"));
        return Response.ok(rows)
                .header("Content-Disposition", "attachment; filename=\"breach-register.csv\"")
                .build();
    }

    private Stream<Incident> incidents(String from, String to) {
        return incidents.awareBetween(instant(from), instant(to)).stream();
    }

    /** An ISO-8601 bound, or null for none. */
    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequestException("from and to must be ISO-8601 instants such as 2026-01-01T00:00:00Z.");
        }
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
