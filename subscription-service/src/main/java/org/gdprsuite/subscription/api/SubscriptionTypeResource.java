package org.gdprsuite.subscription.api;

import java.util.List;

import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.runtime.web.Results;
import org.gdprsuite.subscription.domain.Audiences;
import org.gdprsuite.subscription.domain.MailingJobs;
import org.gdprsuite.subscription.domain.SubscriptionType;
import org.gdprsuite.subscription.domain.SubscriptionTypes;

import io.quarkus.security.identity.SecurityIdentity;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** Subscription types; their audiences and mailings are for marketing and admin only (privacy by default). */
@Path("/api/subscriptions/types")
public class SubscriptionTypeResource {

    private static final String KEY = "^[a-z0-9][a-z0-9._-]{0,99}$";

    @Inject
    SubscriptionTypes types;

    @Inject
    Audiences audiences;

    @Inject
    MailingJobs mailings;

    @Inject
    SecurityIdentity identity;

    public record SubscriptionTypeView(String key, String name, String description, String purposeKey) {
        static SubscriptionTypeView of(SubscriptionType t) {
            return new SubscriptionTypeView(t.key, t.name, t.description, t.purposeKey);
        }
    }

    public record TypeRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 2000) String description,
            @NotBlank @Pattern(regexp = KEY) String purposeKey) {}

    public record Mailing(
            @NotBlank @Size(max = 200) String subject,
            @NotBlank @Size(max = 50_000) String text) {}

    @GET
    @RolesAllowed({Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.DPO, Roles.ADMIN})
    public List<SubscriptionTypeView> list() {
        return types.list().stream().map(SubscriptionTypeView::of).toList();
    }

    @PUT
    @Path("/{key}")
    @RolesAllowed({Roles.MARKETING, Roles.DPO, Roles.ADMIN})
    public SubscriptionTypeView put(
            @PathParam("key") @Pattern(regexp = KEY) String key, @NotNull @Valid TypeRequest request) {
        return SubscriptionTypeView.of(types.define(key, request.name(), request.description(), request.purposeKey()));
    }

    /** One page of the audience, in person-id order, with its size. */
    @GET
    @Path("/{key}/audience")
    @RolesAllowed({Roles.MARKETING, Roles.ADMIN})
    public Results<Audiences.Member> audience(
            @PathParam("key") String key,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("1000") @Min(1) @Max(10_000) int size) {
        types.get(key);
        return audiences.page(key, page, size);
    }

    /**
     * A marketing mailing to the whole audience, each mail with its one-click unsubscribe: a job (202 with its
     * location under /api/subscriptions/mailings), as a {@code MARKETING} mailing of the type without selection.
     */
    @POST
    @Path("/{key}/mailings")
    @RolesAllowed({Roles.MARKETING, Roles.ADMIN})
    public Response send(@PathParam("key") String key, @NotNull @Valid Mailing mailing) {
        MailingJobs.Order order =
                new MailingJobs.Order(MailingJobs.Kind.MARKETING, key, null, mailing.subject(), mailing.text(), null);
        return MailingResource.accepted(
                mailings, mailings.queue(order, identity.getPrincipal().getName()));
    }
}
