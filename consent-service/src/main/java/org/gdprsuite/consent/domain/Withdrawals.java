package org.gdprsuite.consent.domain;

import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.consent.domain.ConsentLedger.Evidence;
import org.gdprsuite.runtime.links.InvalidLinkException;
import org.gdprsuite.runtime.links.SignedLinks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Withdrawal as easy as giving (Art. 7(3)): every mail that asks for or relies on consent carries a signed link
 * (scope {@value #LINK_SCOPE}, subject the person id; subscription-service signs it for the mails it sends) to a
 * page ({@link OwnConsents}: every purpose that concerns the person, with its history) that withdraws any consent in
 * one click.
 */
@ApplicationScoped
public class Withdrawals {

    /** Scope of the signed withdrawal links; subscription-service's MailLinks signs the same. */
    public static final String LINK_SCOPE = "consent-withdraw";

    /** Channel and form id of a withdrawal through the page, so the ledger says where it came from. */
    public static final String PAGE = "withdrawal-page";

    private final SignedLinks links;
    private final ConsentLedger ledger;
    private final Purposes purposes;

    @Inject
    Withdrawals(SignedLinks links, ConsentLedger ledger, Purposes purposes) {
        this.links = links;
        this.ledger = ledger;
        this.purposes = purposes;
    }

    /** The person of a withdrawal link; {@link InvalidLinkException} if it is not valid. */
    public UUID person(String token) {
        String subject = links.verify(token, LINK_SCOPE).subject();
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException signedButNotAPerson) {
            throw new InvalidLinkException();
        }
    }

    /**
     * The person withdraws their consent to {@code purpose}, with the evidence of the click: the name of the purpose
     * withdrawn, or empty when there is no consent to withdraw (withdrawn already, never given, or another basis).
     */
    @Transactional
    public Optional<String> withdraw(UUID personId, String purpose, Evidence evidence) {
        boolean consented = purpose != null
                && ledger.currentState(personId, purpose)
                        .map(OwnConsents::consents)
                        .orElse(false);
        if (!consented) {
            return Optional.empty();
        }
        ledger.withdraw(personId, purpose, ConsentSource.WEB_FORM, PAGE, evidence, "data subject (withdrawal page)");
        return Optional.of(purposes.nameOf(purpose));
    }
}
