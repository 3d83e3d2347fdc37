package org.gdprsuite.gateway.api;

import java.time.Instant;
import java.util.List;

import org.gdprsuite.gateway.domain.AccessLogEntry;
import org.gdprsuite.runtime.security.Roles;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** The access log is evidence for the DPO, and only for the DPO. */
@Path("/api/access-log")
@RolesAllowed(Roles.DPO)
public class AccessLogResource {

    public record AccessLogView(Instant at, String principal, String clientId, String method, String path,
            int status, String requestId) {
        static AccessLogView of(AccessLogEntry e) {
            return new AccessLogView(e.at, e.principal, e.clientId, e.method, e.path, e.status, e.requestId);
        }
    }

    @GET
    public List<AccessLogView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return AccessLogEntry.<AccessLogEntry> findAll(Sort.descending("at", "id"))
                .page(Page.of(page, size))
                .stream()
                .map(AccessLogView::of)
                .toList();
    }
}
