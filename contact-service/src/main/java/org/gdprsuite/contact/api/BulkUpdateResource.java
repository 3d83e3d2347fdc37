package org.gdprsuite.contact.api;

import java.util.UUID;

import org.gdprsuite.contact.domain.BulkUpdates;
import org.gdprsuite.contact.domain.BulkUpdates.BulkResult;
import org.gdprsuite.contact.domain.Person;
import org.gdprsuite.contact.domain.PersonStore;
import org.gdprsuite.runtime.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** Sets or clears fields of every matching person, restricted and anonymized persons left alone. */
@Path("/api/contacts/bulk-updates")
public class BulkUpdateResource {

    @Inject
    BulkUpdates bulkUpdates;

    @Inject
    SecurityIdentity identity;

    public record Filter(
            Person.Category category, @Size(max = 200) String owner, UUID organisationId) {}

    /** {@code set}: field → new value (null clears); {@code dryRun}: only count the persons it would change. */
    public record BulkUpdate(
            @NotNull @Valid Filter filter, @NotNull JsonNode set, boolean dryRun) {}

    @POST
    @RolesAllowed({Roles.SALES, Roles.DPO, Roles.ADMIN})
    public BulkResult bulkUpdate(@NotNull @Valid BulkUpdate request) {
        Filter filter = request.filter();
        return bulkUpdates.run(
                new PersonStore.Selection(filter.category(), filter.owner(), filter.organisationId()),
                request.set(),
                request.dryRun(),
                identity.getRoles(),
                identity.getPrincipal().getName());
    }
}
