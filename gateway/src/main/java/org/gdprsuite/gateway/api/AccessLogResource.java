package org.gdprsuite.gateway.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.gdprsuite.gateway.domain.AccessLogEntry;
import org.gdprsuite.gateway.domain.AccessLogQuery;
import org.gdprsuite.gateway.domain.StaffUsers;
import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.runtime.web.Results;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** The access log is evidence for the DPO, and only for the DPO: filter by person, user and time. */
@Path("/api/access-log")
@RolesAllowed(Roles.DPO)
public class AccessLogResource {

    @Inject
    AccessLogQuery query;

    @Inject
    StaffUsers staff;

    /** {@code principalName}: the staff user's name from the directory (kept after termination), else null. */
    public record AccessLogView(
            Instant at,
            String principal,
            String principalName,
            String clientId,
            String method,
            String path,
            UUID personId,
            int status,
            String requestId) {
        static AccessLogView of(AccessLogEntry e, Map<String, String> names) {
            return new AccessLogView(
                    e.at,
                    e.principal,
                    names.get(e.principal),
                    e.clientId,
                    e.method,
                    e.path,
                    e.personId,
                    e.status,
                    e.requestId);
        }
    }

    @GET
    public Results<AccessLogView> list(
            @QueryParam("personId") UUID personId,
            @QueryParam("principal") @Size(max = 200) String principal,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        Results<AccessLogEntry> found =
                query.page(new AccessLogQuery.Filter(personId, principal, instant(from), instant(to)), page, size);
        // One lookup for the page's principals, not one per entry.
        Map<String, String> names =
                staff.namesOf(found.items().stream().map(e -> e.principal).collect(Collectors.toSet()));
        return new Results<>(
                found.items().stream().map(e -> AccessLogView.of(e, names)).toList(), page, size, found.total());
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequestException("from and to must be ISO-8601 instants such as 2026-11-01T00:00:00Z.");
        }
    }
}
