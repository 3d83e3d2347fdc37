package org.gdprsuite.events.payload;

import java.util.UUID;

/**
 * A person opted in to or out of a subscription type ({@code *} for the global marketing opt-out).
 * {@code purpose} is the consent purpose the type is sent under (null for {@code *} and in events written
 * before it was carried), so consent-service can deny that purpose to a person who opted out of it.
 */
public record SubscriptionChanged(
        UUID personId, String subscriptionType, boolean subscribed, String source, String purpose) {

    /** A change without its purpose (how producers before the purpose wrote it). */
    public SubscriptionChanged(UUID personId, String subscriptionType, boolean subscribed, String source) {
        this(personId, subscriptionType, subscribed, source, null);
    }
}
