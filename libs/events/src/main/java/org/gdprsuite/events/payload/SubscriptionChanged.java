package org.gdprsuite.events.payload;

import java.util.UUID;

/** A person opted in to or out of a subscription type ({@code *} for the global marketing opt-out). */
public record SubscriptionChanged(UUID personId, String subscriptionType, boolean subscribed, String source) {}
