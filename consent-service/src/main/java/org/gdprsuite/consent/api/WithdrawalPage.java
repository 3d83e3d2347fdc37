package org.gdprsuite.consent.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.consent.domain.Withdrawals;
import org.gdprsuite.consent.domain.Withdrawals.Consented;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * The public withdrawal page (Art. 7(3)), reached from the signed link in every mail that asks for or relies on
 * consent and from the preference centre: the purposes the person consents to, each with a button that withdraws
 * it. Only the page's POST withdraws (a mail scanner following the link changes nothing); the signed token in the
 * form is what a forged cross-site POST cannot have. An invalid or expired link is refused (403).
 */
@Path("/public/consents/withdraw")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class WithdrawalPage {

    @Inject
    Withdrawals withdrawals;

    @CheckedTemplate
    static class Templates {
        /** outcome: LIST, WITHDRAWN (withdrawnName just withdrawn) or NOTHING (nothing left to withdraw there). */
        static native TemplateInstance withdraw(
                String token, List<Consented> consents, String outcome, String withdrawnName);
    }

    @GET
    public TemplateInstance page(@QueryParam("token") String token) {
        UUID person = withdrawals.person(token);
        return Templates.withdraw(token, withdrawals.consented(person), "LIST", null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance withdraw(
            @FormParam("token") String token,
            @FormParam("purpose") String purpose,
            @Context HttpServerRequest request,
            @Context HttpHeaders headers) {
        UUID person = withdrawals.person(token);
        // Withdrawn first, then listed: the list reads the state the withdrawal left.
        Optional<String> withdrawn =
                withdrawals.withdraw(person, purpose, ConfirmationPage.evidence(request, headers, Withdrawals.PAGE));
        return Templates.withdraw(
                token,
                withdrawals.consented(person),
                withdrawn.isPresent() ? "WITHDRAWN" : "NOTHING",
                withdrawn.orElse(null));
    }
}
