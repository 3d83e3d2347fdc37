package org.gdprsuite.subscription.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.subscription.domain.MailLinks;
import org.gdprsuite.subscription.domain.SubscriptionTypes;
import org.gdprsuite.subscription.domain.Subscriptions;
import org.gdprsuite.subscription.domain.Subscriptions.Preferences;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The public preference centre, reached from any mail through a signed, expiring, person-scoped link:
 * a server-rendered page that works without JavaScript, a JSON API for front-ends, and the RFC 8058
 * one-click unsubscribe. The page links to consent-service's withdrawal page for the same person. A link for one person never reads or changes another's choices.
 */
@Path("/public/subscriptions")
@PermitAll
public class PreferenceCentre {

    @Inject
    Subscriptions subscriptions;

    @Inject
    SubscriptionTypes types;

    @Inject
    MailLinks links;

    @CheckedTemplate
    static class Templates {
        /** withdrawalLink: consent-service's page where the person sees and withdraws their consents (Art. 7(3)). */
        static native TemplateInstance preferences(
                String token, List<Row> rows, boolean globalOptOut, boolean saved, String withdrawalLink);

        static native TemplateInstance unsubscribed(String typeName);
    }

    /** One line of the page. */
    public record Row(String key, String name, String description, boolean subscribed) {}

    public record Choices(
            @NotNull Map<String, Boolean> subscriptions,
            @NotNull Boolean globalOptOut) {}

    @GET
    @Path("/preferences")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("token") String token) {
        return page(token, person(token), false);
    }

    /** The page's form: ticked boxes are the subscriptions kept; everything else is opted out. */
    @POST
    @Path("/preferences")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance save(MultivaluedMap<String, String> form) {
        String token = form.getFirst("token");
        UUID person = person(token);
        List<String> ticked = form.getOrDefault("subscription", List.of());
        Map<String, Boolean> wanted = new LinkedHashMap<>();
        for (String type : subscriptions.of(person).subscriptions().keySet()) {
            wanted.put(type, ticked.contains(type));
        }
        subscriptions.apply(
                person, new Preferences(wanted, form.containsKey("globalOptOut")), "PREFERENCE_CENTRE", "data subject");
        return page(token, person, true);
    }

    @GET
    @Path("/preferences/choices")
    @Produces(MediaType.APPLICATION_JSON)
    public Preferences choices(@QueryParam("token") String token) {
        return subscriptions.of(person(token));
    }

    @PUT
    @Path("/preferences/choices")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Preferences update(@QueryParam("token") String token, @NotNull @Valid Choices choices) {
        UUID person = person(token);
        Map<String, Boolean> known = subscriptions.of(person).subscriptions();
        if (!known.keySet().containsAll(choices.subscriptions().keySet())) {
            throw new BadRequestException("Unknown subscription type.");
        }
        subscriptions.apply(
                person,
                new Preferences(choices.subscriptions(), choices.globalOptOut()),
                "PREFERENCE_CENTRE",
                "data subject");
        return subscriptions.of(person);
    }

    /** RFC 8058 one-click unsubscribe: a POST from the mail client, no session, no page needed. */
    @POST
    @Path("/unsubscribe")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance unsubscribe(@QueryParam("token") String token) {
        MailLinks.Unsubscribe link = links.unsubscribe(token);
        subscriptions.set(link.personId(), link.typeKey(), false, "ONE_CLICK_UNSUBSCRIBE", "data subject");
        return Templates.unsubscribed(types.get(link.typeKey()).name);
    }

    private TemplateInstance page(String token, UUID person, boolean saved) {
        Preferences preferences = subscriptions.of(person);
        List<Row> rows = types.byName().stream()
                .map(t -> new Row(
                        t.key,
                        t.name,
                        t.description,
                        preferences.subscriptions().getOrDefault(t.key, false)))
                .toList();
        return Templates.preferences(token, rows, preferences.globalOptOut(), saved, links.withdrawalLink(person));
    }

    private UUID person(String token) {
        return links.person(token);
    }
}
