package org.gdprsuite.subscription.domain;

import java.util.UUID;

import org.gdprsuite.runtime.links.PersonKeySubject;
import org.gdprsuite.runtime.links.SignedLinks;
import org.gdprsuite.subscription.config.SubscriptionConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The signed links in mail: the person's preference centre (subject: the person) and the one-click
 * unsubscribe of one type (subject: {@code personId|typeKey}). A link for one person never names another.
 */
@ApplicationScoped
public class MailLinks {

    public static final String PREFERENCES_SCOPE = "preferences";
    public static final String UNSUBSCRIBE_SCOPE = "unsubscribe";

    @Inject
    SignedLinks links;

    @Inject
    SubscriptionConfig config;

    /** Whom and what a one-click unsubscribe link is about; signed as a {@link PersonKeySubject}. */
    public record Unsubscribe(UUID personId, String typeKey) {}

    public String preferencesLink(UUID personId) {
        return config.publicBaseUrl() + "/public/subscriptions/preferences?token="
                + links.sign(
                        PREFERENCES_SCOPE,
                        personId.toString(),
                        config.subscription().linkValidity());
    }

    public String unsubscribeLink(UUID personId, String typeKey) {
        return config.publicBaseUrl() + "/public/subscriptions/unsubscribe?token="
                + links.sign(
                        UNSUBSCRIBE_SCOPE,
                        new PersonKeySubject(personId, typeKey).encode(),
                        config.subscription().linkValidity());
    }

    /** The person of a preference-centre token; {@link org.gdprsuite.runtime.links.InvalidLinkException} if not valid. */
    public UUID person(String token) {
        return UUID.fromString(links.verify(token, PREFERENCES_SCOPE).subject());
    }

    /** What a one-click unsubscribe token is about; {@link org.gdprsuite.runtime.links.InvalidLinkException} if not valid. */
    public Unsubscribe unsubscribe(String token) {
        PersonKeySubject subject =
                PersonKeySubject.decode(links.verify(token, UNSUBSCRIBE_SCOPE).subject());
        return new Unsubscribe(subject.personId(), subject.key());
    }
}
