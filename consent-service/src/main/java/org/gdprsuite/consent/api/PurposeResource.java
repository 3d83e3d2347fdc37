package org.gdprsuite.consent.api;

import java.util.List;

import org.gdprsuite.consent.domain.Purpose;
import org.gdprsuite.runtime.security.Roles;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/api/consents/purposes")
public class PurposeResource {

    public record PurposeView(String key, String name, String description, boolean consentRequired) {
        static PurposeView of(Purpose p) {
            return new PurposeView(p.key, p.name, p.description, p.consentRequired);
        }
    }

    /** The catalogue is not personal: every staff role may read it. */
    @GET
    @RolesAllowed({ Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN })
    public List<PurposeView> list() {
        return Purpose.<Purpose> listAll(Sort.by("key")).stream().map(PurposeView::of).toList();
    }
}
