package org.gdprsuite.subscription.api;

import java.util.List;
import java.util.UUID;

import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.subscription.domain.Audiences;
import org.gdprsuite.subscription.domain.SubscriptionType;
import org.gdprsuite.subscription.domain.SuiteMail;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** Subscription types; their audiences and mailings are for marketing and admin only (privacy by default). */
@Path("/api/subscriptions/types")
public class SubscriptionTypeResource {

    private static final String KEY = "^[a-z0-9][a-z0-9._-]{0,99}$";

    @Inject
    Audiences audiences;

    @Inject
    SuiteMail mail;

    public record SubscriptionTypeView(String key, String name, String description, String purposeKey) {
        static SubscriptionTypeView of(SubscriptionType t) {
            return new SubscriptionTypeView(t.key, t.name, t.description, t.purposeKey);
        }
    }

    public record TypeRequest(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
            @NotBlank @Pattern(regexp = KEY) String purposeKey) {
    }

    public record AudiencePage(List<Audiences.Member> members, UUID next) {
    }

    public record Mailing(@NotBlank @Size(max = 200) String subject, @NotBlank @Size(max = 50_000) String text) {
    }

    public record Sent(int sent) {
    }

    @GET
    @RolesAllowed({ Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.DPO, Roles.ADMIN })
    public List<SubscriptionTypeView> list() {
        return SubscriptionType.<SubscriptionType> listAll(Sort.by("key")).stream().map(SubscriptionTypeView::of).toList();
    }

    @PUT
    @Path("/{key}")
    @RolesAllowed({ Roles.MARKETING, Roles.DPO, Roles.ADMIN })
    @Transactional
    public SubscriptionTypeView put(@PathParam("key") @Pattern(regexp = KEY) String key, @NotNull @Valid TypeRequest request) {
        SubscriptionType type = SubscriptionType.findById(key);
        if (type == null) {
            type = new SubscriptionType();
            type.key = key;
        }
        type.name = request.name();
        type.description = request.description();
        type.purposeKey = request.purposeKey();
        type.persist();
        return SubscriptionTypeView.of(type);
    }

    /** One page of the audience; pass {@code next} as {@code after} for the following one. */
    @GET
    @Path("/{key}/audience")
    @RolesAllowed({ Roles.MARKETING, Roles.ADMIN })
    public AudiencePage audience(@PathParam("key") String key, @QueryParam("after") UUID after,
            @QueryParam("size") @DefaultValue("1000") @Min(1) @Max(10_000) int size) {
        type(key);
        List<Audiences.Member> members = audiences.page(key, after, size);
        return new AudiencePage(members, members.size() < size ? null : members.get(members.size() - 1).personId());
    }

    /** Sends a mailing to the whole audience, page by page, each mail with its one-click unsubscribe. */
    @POST
    @Path("/{key}/mailings")
    @RolesAllowed({ Roles.MARKETING, Roles.ADMIN })
    public Sent send(@PathParam("key") String key, @NotNull @Valid Mailing mailing) {
        SubscriptionType type = type(key);
        int sent = 0;
        UUID after = null;
        List<Audiences.Member> page;
        do {
            page = audiences.page(key, after, 500);
            for (Audiences.Member member : page) {
                if (member.email() != null) {
                    mail.sendMailing(type, member, mailing.subject(), mailing.text());
                    sent++;
                }
            }
            after = page.isEmpty() ? null : page.get(page.size() - 1).personId();
        } while (page.size() == 500);
        return new Sent(sent);
    }

    private static SubscriptionType type(String key) {
        SubscriptionType type = SubscriptionType.findById(key);
        if (type == null) {
            throw new NotFoundException("No such subscription type.");
        }
        return type;
    }
}
