package org.gdprsuite.subscription.api;

import java.net.URI;
import java.util.UUID;

import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.runtime.web.Results;
import org.gdprsuite.subscription.domain.Criteria;
import org.gdprsuite.subscription.domain.Selections;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** Saved, named filters over the persons (from the read models), with counts; marketing, DPO and admin. */
@Path("/api/subscriptions/selections")
@RolesAllowed({Roles.MARKETING, Roles.DPO, Roles.ADMIN})
public class SelectionResource {

    @Inject
    Selections selections;

    @Inject
    SecurityIdentity identity;

    public record SelectionRequest(
            @NotBlank @Size(max = 200) String name, @NotNull Criteria criteria) {}

    @GET
    public Results<Selections.Selection> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return selections.list(page, size);
    }

    @POST
    public Response create(@NotNull @Valid SelectionRequest request) {
        Selections.Selection created = selections.create(
                request.name(), request.criteria(), identity.getPrincipal().getName());
        return Response.created(URI.create("/api/subscriptions/selections/" + created.id()))
                .entity(created)
                .build();
    }

    /** The counts of a filter before it is saved; with {@code type}, how many a marketing mailing of it reaches. */
    @POST
    @Path("/preview")
    public Selections.Preview preview(@NotNull Criteria criteria, @QueryParam("type") @Size(max = 100) String type) {
        return selections.preview(criteria, type);
    }

    @GET
    @Path("/{id}")
    public Selections.Selection get(@PathParam("id") UUID id) {
        return selections.get(id);
    }

    @PUT
    @Path("/{id}")
    public Selections.Selection update(@PathParam("id") UUID id, @NotNull @Valid SelectionRequest request) {
        return selections.update(id, request.name(), request.criteria());
    }

    @DELETE
    @Path("/{id}")
    public void delete(@PathParam("id") UUID id) {
        selections.delete(id);
    }

    /** The counts of a saved selection now. */
    @GET
    @Path("/{id}/preview")
    public Selections.Preview previewSaved(@PathParam("id") UUID id, @QueryParam("type") @Size(max = 100) String type) {
        return selections.preview(selections.get(id).criteria(), type);
    }
}
