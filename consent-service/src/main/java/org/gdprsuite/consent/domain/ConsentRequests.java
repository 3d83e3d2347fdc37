package org.gdprsuite.consent.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.gdprsuite.consent.config.ConsentConfig;
import org.gdprsuite.consent.domain.ConsentLedger.Entry;
import org.gdprsuite.consent.domain.ConsentLedger.Evidence;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.events.payload.PersonCreated;
import org.gdprsuite.runtime.links.PersonKeySubject;
import org.gdprsuite.runtime.links.SignedLinks;
import org.gdprsuite.runtime.outbox.Outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * What a new person gets: the default legal basis of every purpose that does not need consent, and,
 * when the setting is on, a consent request by mail (double opt-in) for every purpose that does. The
 * request is pending until the person confirms through the signed link in the mail.
 */
@ApplicationScoped
public class ConsentRequests {

    /** What a confirmation link is about; signed as the {@link PersonKeySubject} {@code personId|purpose}. */
    public record Confirmation(UUID personId, String purpose) {}

    @Inject
    ConsentLedger ledger;

    @Inject
    Outbox outbox;

    @Inject
    SignedLinks links;

    @Inject
    Purposes purposes;

    @Inject
    ConsentSettings settings;

    @Inject
    ConsentConfig config;

    @Inject
    SubjectStates subjects;

    @Inject
    InformationMails informationMails;

    /** Scope of the signed confirmation links; the subject is {@code personId|purpose}. */
    private static final String LINK_SCOPE = "consent-confirm";

    private static final String TEMPLATE = "consent.request";

    @Transactional
    public void onPersonCreated(PersonCreated person, Instant createdAt) {
        subjects.known(List.of(person.personId()));
        boolean sendRequests = settings.sendConsentRequests();
        Set<String> decided = ledger.currentStates(person.personId()).stream()
                .map(state -> state.purpose)
                .collect(Collectors.toSet());
        for (Purpose purpose : purposes.list()) {
            if (decided.contains(purpose.key)) {
                continue; // attached from a pending subject: what the person said wins over a default or a request
            } else if (!purpose.consentRequired && purpose.defaultLegalBasis != null) {
                ledger.record(Entry.system(
                        person.personId(),
                        purpose.key,
                        purpose.defaultLegalBasis,
                        ConsentStatus.GRANTED,
                        createdAt,
                        "default legal basis"));
            } else if (purpose.consentRequired && sendRequests && person.email() != null) {
                requestConsent(person.personId(), purpose, createdAt);
            }
        }
        // Art. 13/14: told of what is processed without their consent, by the bases in force when the mail is sent.
        informationMails.personCreated(person.personId(), createdAt, person.email() != null);
    }

    /**
     * The request names the person, not the address: the email arrives sealed with the person's key and
     * only subscription-service, which keeps the address, opens it to send the mail.
     */
    private void requestConsent(UUID personId, Purpose purpose, Instant at) {
        ledger.record(new Entry(
                personId,
                purpose.key,
                LegalBasis.CONSENT,
                ConsentStatus.PENDING_CONFIRMATION,
                at,
                ConsentSource.SYSTEM,
                "email",
                null,
                null,
                ConsentLedger.SYSTEM + " (consent request)",
                null));
        String token = links.sign(
                LINK_SCOPE,
                new PersonKeySubject(personId, purpose.key).encode(),
                config.consent().confirmationValidity());
        String link = config.publicBaseUrl() + "/public/consents/confirm?token=" + token;
        outbox.publish(
                EventType.NOTIFICATION_REQUESTED,
                personId.toString(),
                new NotificationRequested(
                        TEMPLATE, personId, null, null, Map.of("purpose", purpose.name, "confirmLink", link)));
    }

    /** The person and purpose of a confirmation link; {@link org.gdprsuite.runtime.links.InvalidLinkException} if it is not valid. */
    public Confirmation read(String token) {
        PersonKeySubject subject =
                PersonKeySubject.decode(links.verify(token, LINK_SCOPE).subject());
        return new Confirmation(subject.personId(), subject.key());
    }

    /**
     * The person confirms: granted, with the evidence of the click. Only a pending request can be
     * confirmed, so a link is used once and cannot revive a consent withdrawn or erased since.
     */
    @Transactional
    public boolean confirm(Confirmation confirmation, Evidence evidence) {
        boolean pending = ledger.currentState(confirmation.personId(), confirmation.purpose())
                .map(state -> state.status == ConsentStatus.PENDING_CONFIRMATION)
                .orElse(false);
        if (!pending) {
            return false;
        }
        ledger.record(new Entry(
                confirmation.personId(),
                confirmation.purpose(),
                LegalBasis.CONSENT,
                ConsentStatus.GRANTED,
                null,
                ConsentSource.EMAIL,
                "double-opt-in",
                null,
                evidence,
                "data subject (double opt-in)",
                null));
        return true;
    }
}
