package org.gdprsuite.erasure.intake;

import java.time.Clock;
import java.util.UUID;

import org.gdprsuite.erasure.config.ErasureConfig;
import org.gdprsuite.erasure.domain.AuditTrail;
import org.gdprsuite.erasure.domain.Request;
import org.gdprsuite.erasure.domain.RequestStatus;
import org.gdprsuite.erasure.domain.RequestStore;
import org.gdprsuite.runtime.links.SignedLinks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** A portal request proceeds once its address is proved, by the code or the link sent to it. */
@ApplicationScoped
public class AddressVerification {

    public static final String VERIFY_SCOPE = "dsr-verify";

    @Inject
    RequestStore requests;

    @Inject
    VerificationStore codes;

    @Inject
    Intake intake;

    @Inject
    AuditTrail audit;

    @Inject
    SignedLinks links;

    @Inject
    ErasureConfig config;

    @Inject
    Clock clock;

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

    /** The link in the verification mail; it works once (the request is no longer waiting afterwards). */
    @Transactional
    public boolean verifyLink(String token) {
        Request request =
                waiting(UUID.fromString(links.verify(token, VERIFY_SCOPE).subject()));
        if (request == null) {
            return false;
        }
        verified(request, "link");
        return true;
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
