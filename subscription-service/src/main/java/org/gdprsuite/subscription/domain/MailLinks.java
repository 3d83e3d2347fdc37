package org.gdprsuite.subscription.domain;

import java.util.UUID;

import org.gdprsuite.runtime.links.PersonKeySubject;
import org.gdprsuite.runtime.links.SignedLinks;
import org.gdprsuite.subscription.config.SubscriptionConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The signed links in mail: the person's preference centre (subject: the person), the one-click unsubscribe of
 * one type (subject: {@code personId|typeKey}) and consent-service's withdrawal page, where the person sees and
 * withdraws their consents (subject: the person). A link for one person never names another.
 */
@ApplicationScoped
public class MailLinks {

    public static final String PREFERENCES_SCOPE = "preferences";
    public static final String UNSUBSCRIBE_SCOPE = "unsubscribe";
    /** consent-service's scope for its withdrawal page (Withdrawals.LINK_SCOPE there): one key signs for the suite. */
    public static final String WITHDRAWAL_SCOPE = "consent-withdraw";

    @Inject
    SignedLinks links;

    @Inject
    SubscriptionConfig config;

    /** Whom and what a one-click unsubscribe link is about; signed as a {@link PersonKeySubject}. */
    public record Unsubscribe(UUID personId, String typeKey) {}

    public String preferencesLink(UUID personId) {
        return link("/public/subscriptions/preferences", PREFERENCES_SCOPE, personId.toString());
    }

    public String unsubscribeLink(UUID personId, String typeKey) {
        return link(
                "/public/subscriptions/unsubscribe",
                UNSUBSCRIBE_SCOPE,
                new PersonKeySubject(personId, typeKey).encode());
    }

    /** Art. 7(3): the page of consent-service where the person withdraws any consent in one click. */
    public String withdrawalLink(UUID personId) {
        return link("/public/consents/withdraw", WITHDRAWAL_SCOPE, personId.toString());
    }

    private String link(String path, String scope, String subject) {
        return config.publicBaseUrl() + path + "?token="
                + links.sign(scope, subject, config.subscription().linkValidity());
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
