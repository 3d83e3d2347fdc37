package org.gdprsuite.contact.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.gdprsuite.contact.api.PersonViews.ActivityView;
import org.gdprsuite.contact.domain.Activity;
import org.gdprsuite.contact.domain.Person;
import org.gdprsuite.contact.domain.PersonStore;
import org.gdprsuite.contact.domain.Persons;
import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.runtime.web.Results;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Persons of the CRM: CRUD with optimistic locking, search, restriction of processing, activities. */
@Path("/api/contacts/persons")
@RolesAllowed({Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN})
public class PersonResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    Persons persons;

    @Inject
    PersonStore store;

    @Inject
    SecurityIdentity identity;

    public record ActivityRequest(
            @NotNull Activity.Type type,
            @Size(max = 300) String subject,
            @Size(max = 20_000) String body,
            Instant occurredAt) {}

    public record Change(Instant at, String by, String action, List<String> fields) {}

    /**
     * Lists and searches persons: {@code q} in names, {@code email}, {@code organisation} name. With
     * {@code processing=true} (mailings, bulk work, exports to integrations) restricted persons are left out.
     */
    @GET
    public Results<Map<String, Object>> search(
            @QueryParam("q") @Size(max = 200) String q,
            @QueryParam("email") @Size(max = 320) String email,
            @QueryParam("organisation") @Size(max = 300) String organisation,
            @QueryParam("processing") boolean processing,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Set<String> roles = identity.getRoles();
        return ResultViews.of(
                store.search(new PersonStore.Criteria(q, email, organisation, processing), page, size),
                p -> PersonViews.view(p, roles));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN})
    public Response create(JsonNode fields) {
        Person person = persons.create(fields, identity.getRoles(), actor());
        return withTag(Response.created(URI.create("/api/contacts/persons/" + person.id)), person)
                .build();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") UUID id) {
        return withTag(Response.ok(), persons.live(id)).build();
    }

    /** Rectification (Art. 16) as a JSON merge patch; needs the ETag of the version the editor saw. */
    @PATCH
    @Path("/{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    public Response update(
            @PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, JsonNode fields) {
        if (ifMatch == null) {
            throw new ClientErrorException("Send If-Match with the ETag of the person you edited.", 428);
        }
        Person person = persons.update(id, version(ifMatch), fields, identity.getRoles(), actor());
        return withTag(Response.ok(), person).build();
    }

    @POST
    @Path("/{id}/restriction")
    @RolesAllowed({Roles.DPO, Roles.SUPPORT, Roles.ADMIN})
    public Response restrict(@PathParam("id") UUID id) {
        return withTag(Response.ok(), persons.restrict(id, true, actor())).build();
    }

    @DELETE
    @Path("/{id}/restriction")
    @RolesAllowed({Roles.DPO, Roles.SUPPORT, Roles.ADMIN})
    public Response liftRestriction(@PathParam("id") UUID id) {
        return withTag(Response.ok(), persons.restrict(id, false, actor())).build();
    }

    @GET
    @Path("/{id}/activities")
    public Results<ActivityView> activities(
            @PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        persons.live(id);
        return ResultViews.of(store.activities(id, page, size), ActivityView::of);
    }

    @POST
    @Path("/{id}/activities")
    public Response addActivity(@PathParam("id") UUID id, @NotNull @Valid ActivityRequest request) {
        Activity activity = persons.addActivity(
                id, request.type(), request.subject(), request.body(), request.occurredAt(), actor());
        return Response.status(Response.Status.CREATED)
                .entity(ActivityView.of(activity))
                .build();
    }

    /** Who changed which fields when (values are not kept in the log). */
    @GET
    @Path("/{id}/changes")
    @RolesAllowed({Roles.DPO, Roles.ADMIN})
    public Results<Change> changes(
            @PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return ResultViews.of(store.changes(id, page, size), c -> new Change(c.at, c.byUser, c.action, c.fields));
    }

    private Response.ResponseBuilder withTag(Response.ResponseBuilder response, Person person) {
        return response.tag(new EntityTag(Long.toString(person.version), true))
                .entity(PersonViews.view(person, identity.getRoles()));
    }

    private static long version(String ifMatch) {
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        try {
            return Long.parseLong(tag.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new BadRequestException("If-Match must be the ETag of the person.");
        }
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
