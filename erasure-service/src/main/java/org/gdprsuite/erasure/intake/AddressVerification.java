package org.gdprsuite.erasure.intake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.erasure.config.ErasureConfig;
import org.gdprsuite.erasure.domain.AuditTrail;
import org.gdprsuite.erasure.domain.Notices;
import org.gdprsuite.erasure.domain.Request;
import org.gdprsuite.erasure.domain.RequestStatus;
import org.gdprsuite.erasure.domain.RequestStore;
import org.gdprsuite.runtime.links.SignedLinks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * A portal request proceeds once its address is proved, by the code or the link sent to it (the link opens a page
 * whose button proves it).
 */
@ApplicationScoped
public class AddressVerification {

    public static final String VERIFY_SCOPE = "dsr-verify";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UNVERIFIED = "the address was not proved in time";

    @Inject
    RequestStore requests;

    @Inject
    VerificationStore codes;

    @Inject
    SignedLinks links;

    @Inject
    AuditTrail audit;

    @Inject
    Intake intake;

    @Inject
    Notices notices;

    @Inject
    ErasureConfig config;

    @Inject
    Clock clock;

    /** Mails the code and the link that prove the address of a new portal request, both valid for a while. */
    void send(Request request) {
        String code = VerificationCode.newCode(RANDOM);
        codes.insert(
                request.id(),
                VerificationCode.hash(request.id(), code),
                clock.instant().plus(config.erasure().verificationValidity()));
        String link = config.publicBaseUrl() + "/public/requests/verify?token="
                + links.sign(
                        VERIFY_SCOPE, request.id().toString(), config.erasure().verificationValidity());
        notices.tell(request, "dsr.verification", Map.of("code", code, "verifyLink", link));
    }

    /** Checks a code; every try counts, also a wrong one, so the code is spent after the allowed tries. */
    @Transactional
    public boolean verifyCode(UUID id, String code) {
        Request request = waiting(id);
        if (request == null) {
            return false;
        }
        return codes.tryOnce(id)
                .filter(stored -> VerificationCode.accepts(
                        stored, config.erasure().verificationAttempts(), clock.instant(), id, code))
                .map(stored -> {
                    verified(request, "code");
                    return true;
                })
                .orElse(false);
    }

    /**
     * Whether the link of a verification mail still waits for its button. Opening the link proves nothing and
     * spends nothing: mail scanners follow links before the person does.
     */
    public boolean linkWaiting(String token) {
        return requests.find(requestOf(token))
                .filter(r -> r.status() == RequestStatus.RECEIVED)
                .isPresent();
    }

    /** The button of the page the link opens; it works once (the request is no longer waiting afterwards). */
    @Transactional
    public boolean verifyLink(String token) {
        Request request = waiting(requestOf(token));
        if (request == null) {
            return false;
        }
        verified(request, "link");
        return true;
    }

    /**
     * Closes the portal requests nobody proved in time: their code and link expired, so they can never proceed,
     * and an open request is a deadline the DPO would be alerted about. Nothing is mailed: the address is unproved.
     */
    @Transactional
    public void closeUnverified() {
        Instant now = clock.instant();
        List<UUID> closed =
                requests.rejectUnverified(now.minus(config.erasure().unverifiedCloseAfter()), UNVERIFIED, now);
        if (!closed.isEmpty()) {
            codes.deleteAll(closed);
            audit.record(closed, AuditTrail.ORCHESTRATOR, "rejected", UNVERIFIED);
        }
    }

    private UUID requestOf(String token) {
        return UUID.fromString(links.verify(token, VERIFY_SCOPE).subject());
    }

    private Request waiting(UUID id) {
        return requests.findForUpdate(id)
                .filter(r -> r.status() == RequestStatus.RECEIVED)
                .orElse(null);
    }

    private void verified(Request request, String how) {
        requests.verified(request.id(), clock.instant());
        codes.delete(request.id());
        audit.record(request.id(), "data subject", "verified", "by " + how);
        intake.linkDuplicate(request, AuditTrail.ORCHESTRATOR);
    }
}
