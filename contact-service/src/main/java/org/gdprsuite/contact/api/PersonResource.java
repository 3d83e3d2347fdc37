package org.gdprsuite.contact.api;

import java.util.List;
import java.util.UUID;

import org.gdprsuite.contact.domain.Person;
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

@Path("/api/contacts/persons")
@RolesAllowed({ Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN })
public class PersonResource {

    public record PersonView(UUID id, String firstName, String lastName, String email) {
        static PersonView of(Person p) {
            return new PersonView(p.id, p.firstName, p.lastName, p.email);
        }
    }

    @GET
    public List<PersonView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return Person.<Person> findAll(Sort.by("lastName").and("id"))
                .page(Page.of(page, size))
                .stream()
                .map(PersonView::of)
                .toList();
    }
}
