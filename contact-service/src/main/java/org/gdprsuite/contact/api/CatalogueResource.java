package org.gdprsuite.contact.api;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.contact.domain.Organisation;
import org.gdprsuite.contact.domain.Organisations;
import org.gdprsuite.contact.domain.PersonField;
import org.gdprsuite.contact.domain.PersonStore;
import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.runtime.web.Results;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** The field catalogue (read-only, for the DPO), organisations, and subject resolution for data-subject requests. */
@Path("/api/contacts")
@RolesAllowed({Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN})
public class CatalogueResource {

    @Inject
    Organisations organisations;

    @Inject
    PersonStore store;

    public record FieldView(
            String field,
            PersonField.Classification classification,
            List<String> visibleTo,
            PersonField.Masking erasure) {}

    public record OrganisationRequest(
            @NotBlank @Size(max = 300) String name,

            @Size(max = 500) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL")
            String website) {}

    public record OrganisationView(UUID id, String name, String website) {
        static OrganisationView of(Organisation o) {
            return new OrganisationView(o.id, o.name, o.website);
        }
    }

    /** Who a data-subject request is about: ids only, restricted persons included, never names. */
    public record Subject(UUID personId, boolean restricted, boolean anonymized) {}

    @GET
    @Path("/classification")
    public List<FieldView> classification() {
        return Arrays.stream(PersonField.values())
                .map(f -> new FieldView(
                        f.json(),
                        f.classification(),
                        f.classification().roles().stream().sorted().toList(),
                        f.masking()))
                .toList();
    }

    @GET
    @Path("/subjects")
    @RolesAllowed({Roles.DPO, Roles.SUPPORT, Roles.ADMIN, Roles.SUBJECT_LOOKUP})
    public List<Subject> subjects(@QueryParam("email") @NotBlank @Size(max = 320) String email) {
        return store.byEmail(email).stream()
                .map(p -> new Subject(p.id, p.restricted, p.anonymized()))
                .toList();
    }

    /** A page of organisations by name; {@code name} narrows it to those whose name contains the text. */
    @GET
    @Path("/organisations")
    public Results<OrganisationView> organisations(
            @QueryParam("name") @Size(max = 300) String name,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return ResultViews.of(organisations.list(name, page, size), OrganisationView::of);
    }

    @GET
    @Path("/organisations/{id}")
    public OrganisationView organisation(@PathParam("id") UUID id) {
        return OrganisationView.of(organisations.find(id));
    }

    @POST
    @Path("/organisations")
    @RolesAllowed({Roles.SALES, Roles.SUPPORT, Roles.DPO, Roles.ADMIN})
    public Response createOrganisation(@NotNull @Valid OrganisationRequest request) {
        Organisation organisation = organisations.create(request.name(), request.website());
        return Response.created(URI.create("/api/contacts/organisations/" + organisation.id))
                .entity(OrganisationView.of(organisation))
                .build();
    }
}
