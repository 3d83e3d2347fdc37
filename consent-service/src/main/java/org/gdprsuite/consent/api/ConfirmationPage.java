package org.gdprsuite.consent.api;

import org.gdprsuite.consent.domain.ConsentLedger.Evidence;
import org.gdprsuite.consent.domain.ConsentRequests;
import org.gdprsuite.consent.domain.ConsentRequests.Confirmation;
import org.gdprsuite.consent.domain.Purposes;

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
 * Double opt-in: the link in the consent request mail opens a page that asks the person to confirm;
 * only the POST of that page grants (mail scanners that follow links confirm nothing). The signed token
 * names the person and purpose; an invalid or expired one is refused (403).
 */
@Path("/public/consents/confirm")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class ConfirmationPage {

    @Inject
    ConsentRequests requests;

    @Inject
    Purposes purposes;

    @CheckedTemplate
    static class Templates {
        /** outcome: ASK (show the button), CONFIRMED, or GONE (nothing pending any more). */
        static native TemplateInstance confirm(String purposeName, String token, String outcome);
    }

    @GET
    public TemplateInstance ask(@QueryParam("token") String token) {
        Confirmation confirmation = requests.read(token);
        return Templates.confirm(purposeName(confirmation), token, "ASK");
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance confirm(
            @FormParam("token") String token, @Context HttpServerRequest request, @Context HttpHeaders headers) {
        Confirmation confirmation = requests.read(token);
        boolean confirmed = requests.confirm(confirmation, evidence(request, headers, "double-opt-in"));
        return Templates.confirm(purposeName(confirmation), null, confirmed ? "CONFIRMED" : "GONE");
    }

    /**
     * The proof of a click on a public page: the caller's address (the client as the gateway, a trusted proxy,
     * names it), its user agent (bounded) and the page.
     */
    static Evidence evidence(HttpServerRequest request, HttpHeaders headers, String formId) {
        String userAgent = headers.getHeaderString(HttpHeaders.USER_AGENT);
        return new Evidence(
                request.remoteAddress().hostAddress(),
                userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 1000)),
                formId);
    }

    private String purposeName(Confirmation confirmation) {
        return purposes.nameOf(confirmation.purpose());
    }
}
