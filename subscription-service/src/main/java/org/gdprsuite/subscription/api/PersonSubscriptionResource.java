package org.gdprsuite.subscription.api;

import java.util.UUID;

import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.runtime.web.Results;
import org.gdprsuite.subscription.domain.MailLinks;
import org.gdprsuite.subscription.domain.Subscriptions;
import org.gdprsuite.subscription.domain.Subscriptions.Preferences;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** A person's subscriptions for staff: read, change on the person's behalf, history, and a preference-centre link to send. */
@Path("/api/subscriptions/persons/{personId}")
@RolesAllowed({Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.DPO, Roles.ADMIN})
public class PersonSubscriptionResource {

    @Inject
    Subscriptions subscriptions;

    @Inject
    MailLinks links;

    @Inject
    SecurityIdentity identity;

    /** Where the change came from: the person told staff by phone, mail, in person, ... */
    public record Choice(
            @NotNull Boolean subscribed,

            @Pattern(regexp = "^(PHONE|EMAIL|LETTER|IN_PERSON|WEB)$")
            String source) {}

    public record GlobalOptOut(
            @NotNull Boolean optedOut,

            @Pattern(regexp = "^(PHONE|EMAIL|LETTER|IN_PERSON|WEB)$")
            String source) {}

    public record Link(String link) {}

    @GET
    public Preferences get(@PathParam("personId") UUID personId) {
        return subscriptions.of(personId);
    }

    @PUT
    @Path("/types/{type}")
    public Preferences set(
            @PathParam("personId") UUID personId, @PathParam("type") String type, @NotNull @Valid Choice choice) {
        subscriptions.set(personId, type, choice.subscribed(), source(choice.source()), actor());
        return subscriptions.of(personId);
    }

    @PUT
    @Path("/global-opt-out")
    public Preferences globalOptOut(@PathParam("personId") UUID personId, @NotNull @Valid GlobalOptOut choice) {
        subscriptions.setGlobalOptOut(personId, choice.optedOut(), source(choice.source()), actor());
        return subscriptions.of(personId);
    }

    @GET
    @Path("/history")
    public Results<Subscriptions.HistoryEntry> history(
            @PathParam("personId") UUID personId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return subscriptions.history(personId, page, size);
    }

    /** A signed link to the person's preference centre, e.g. to paste into a personal mail. */
    @POST
    @Path("/preferences-link")
    public Link preferencesLink(@PathParam("personId") UUID personId) {
        return new Link(links.preferencesLink(personId));
    }

    private static String source(String given) {
        return "STAFF:" + (given == null ? "UNSPECIFIED" : given);
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
