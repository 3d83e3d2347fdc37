package org.gdprsuite.gateway.api;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.gateway.domain.AccessLogEntry;
import org.gdprsuite.runtime.security.Roles;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
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

    public record AccessLogView(Instant at, String principal, String clientId, String method, String path,
            UUID personId, int status, String requestId) {
        static AccessLogView of(AccessLogEntry e) {
            return new AccessLogView(e.at, e.principal, e.clientId, e.method, e.path, e.personId, e.status, e.requestId);
        }
    }

    @GET
    public List<AccessLogView> list(@QueryParam("personId") UUID personId,
            @QueryParam("principal") @Size(max = 200) String principal,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (personId != null) {
            where.append(" and personId = :person");
            params.put("person", personId);
        }
        if (principal != null) {
            where.append(" and principal = :principal");
            params.put("principal", principal);
        }
        if (from != null) {
            where.append(" and at >= :from");
            params.put("from", instant(from));
        }
        if (to != null) {
            where.append(" and at < :to");
            params.put("to", instant(to));
        }
        return AccessLogEntry.<AccessLogEntry> find(where.toString(), Sort.descending("at", "id"), params)
                .page(Page.of(page, size)).stream().map(AccessLogView::of).toList();
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequestException("from and to must be ISO-8601 instants such as 2026-11-01T00:00:00Z.");
        }
    }
}
