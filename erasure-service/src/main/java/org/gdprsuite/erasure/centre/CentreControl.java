package org.gdprsuite.erasure.centre;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.erasure.config.ErasureConfig;
import org.gdprsuite.runtime.links.SignedLinks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Control from the centre: for every person the address was matched to, the signed links of the pages where the
 * services that own consents and subscriptions let the person change them: subscription-service's preference centre
 * (subscriptions, global opt-out) and consent-service's withdrawal page (Art. 7(3)). They are signed with the suite's
 * one link key, exactly as subscription-service signs them for its mails, so no new trust between services is
 * needed; the change is made by the owning service, whose decision API and read models follow it.
 */
@ApplicationScoped
public class CentreControl {

    /** subscription-service's scope of its preference centre (MailLinks.PREFERENCES_SCOPE there). */
    static final String PREFERENCES_SCOPE = "preferences";
    /** consent-service's scope of its withdrawal page (Withdrawals.LINK_SCOPE there). */
    static final String WITHDRAWAL_SCOPE = "consent-withdraw";

    static final String PREFERENCES_PATH = "/public/subscriptions/preferences";
    static final String WITHDRAWAL_PATH = "/public/consents/withdraw";

    /** A person of the address (several may share it) and the pages where they control their consents. */
    public record Person(UUID id, String preferencesLink, String withdrawalLink) {}

    @Inject
    CentreStore store;

    @Inject
    SignedLinks links;

    @Inject
    ErasureConfig config;

    /**
     * The persons of the session's address: those resolved at sign-in on the service's own identity, or, where it
     * has none (or contact-service did not answer), those staff matched at the approval of one of its requests. The
     * links live no longer than a session.
     */
    public List<Person> personsOf(CentreStore.Session session) {
        Duration validity = config.erasure().centreSessionValidity();
        return personIdsOf(session).stream()
                .map(id -> new Person(
                        id,
                        link(PREFERENCES_PATH, PREFERENCES_SCOPE, id, validity),
                        link(WITHDRAWAL_PATH, WITHDRAWAL_SCOPE, id, validity)))
                .toList();
    }

    /** The ids of the session's persons, as {@link #personsOf} explains. */
    public List<UUID> personIdsOf(CentreStore.Session session) {
        return session.personIds() != null ? session.personIds() : store.matchedPersonsOf(session.email());
    }

    private String link(String path, String scope, UUID person, Duration validity) {
        return config.publicBaseUrl() + path + "?token=" + links.sign(scope, person.toString(), validity);
    }
}
