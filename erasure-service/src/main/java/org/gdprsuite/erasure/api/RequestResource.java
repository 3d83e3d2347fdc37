package org.gdprsuite.erasure.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.erasure.domain.DataSubjectRequest;
import org.gdprsuite.erasure.domain.RequestType;
import org.gdprsuite.runtime.security.Roles;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/api/requests")
@RolesAllowed({ Roles.DPO, Roles.SUPPORT, Roles.ADMIN })
public class RequestResource {

    public record RequestView(UUID id, RequestType type, String status, Instant receivedAt, Instant dueAt) {
        static RequestView of(DataSubjectRequest r) {
            return new RequestView(r.id, r.type, r.status, r.receivedAt, r.dueAt);
        }
    }

    @GET
    public List<RequestView> list() {
        return DataSubjectRequest.<DataSubjectRequest> listAll(Sort.by("dueAt")).stream()
                .map(RequestView::of)
                .toList();
    }
}
