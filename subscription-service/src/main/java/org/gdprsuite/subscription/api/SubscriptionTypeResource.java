package org.gdprsuite.subscription.api;

import java.util.List;

import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.subscription.domain.SubscriptionType;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/api/subscriptions/types")
public class SubscriptionTypeResource {

    public record SubscriptionTypeView(String key, String name, String purposeKey) {
        static SubscriptionTypeView of(SubscriptionType t) {
            return new SubscriptionTypeView(t.key, t.name, t.purposeKey);
        }
    }

    @GET
    @RolesAllowed({ Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.DPO, Roles.ADMIN })
    public List<SubscriptionTypeView> list() {
        return SubscriptionType.<SubscriptionType> listAll(Sort.by("key")).stream()
                .map(SubscriptionTypeView::of)
                .toList();
    }
}
