package org.gdprsuite.incident.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.incident.domain.Incident;
import org.gdprsuite.runtime.security.Roles;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/api/incidents")
@RolesAllowed({ Roles.DPO, Roles.ADMIN })
public class IncidentResource {

    public record IncidentView(UUID id, String title, String status, Instant reportedAt, Instant awareAt) {
        static IncidentView of(Incident i) {
            return new IncidentView(i.id, i.title, i.status, i.reportedAt, i.awareAt);
        }
    }

    @GET
    public List<IncidentView> list() {
        return Incident.<Incident> listAll(Sort.descending("reportedAt")).stream()
                .map(IncidentView::of)
                .toList();
    }
}
