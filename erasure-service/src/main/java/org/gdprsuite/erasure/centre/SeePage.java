package org.gdprsuite.erasure.centre;

import java.util.List;

import org.gdprsuite.erasure.export.ExportBundles;
import org.gdprsuite.erasure.export.Reports;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * See, the centre's page of the data held about the person. With self-service (the session's persons resolved on
 * the service's own identity, {@code centre-self-service-access}) the person starts a copy, approved by the session's
 * proof of the address, and reads it as the personal data report once every slice is in; until then the page shows
 * its progress and reloads itself (no JavaScript). Otherwise it shows the newest copy a formal request produced.
 */
@Path(CentrePage.PATH + "/data")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SeePage {

    static final String JSON_FILE = "/" + ExportBundles.FILE_NAME;

    @Inject
    CentrePage centre;

    @Inject
    SignIn signIn;

    @Inject
    CentreAsks asks;

    @Inject
    CentreSee centreSee;

    @Inject
    Reports reports;

    @Context
    HttpHeaders headers;

    @CheckedTemplate(basePath = "CentrePage")
    static class Templates {
        static native TemplateInstance data(CentreTexts t, String csrf, CentreAsks.Held held);

        static native TemplateInstance see(CentreTexts t, String csrf, CentreSee.Seeing seeing);
    }

    @GET
    public Response data(@CookieParam(CentrePage.COOKIE) String cookie) {
        return signIn.session(cookie)
                .map(this::data)
                .orElseGet(() -> Response.ok(CentrePage.Templates.signIn(centre.texts(), List.of()))
                        .build());
    }

    /** See, started (or a fresh copy once the last is gone); then its page. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response see(@CookieParam(CentrePage.COOKIE) String cookie, @FormParam("csrf") String csrf) {
        return centre.guarded(cookie, csrf, session -> {
            if (centreSee.selfService(session)) {
                centreSee.see(session);
            }
            return Response.status(Response.Status.SEE_OTHER)
                    .header(HttpHeaders.LOCATION, CentrePage.PATH + "/data")
                    .build();
        });
    }

    /**
     * The same data as a machine-readable file (Art. 20): the session's copy once ready, or without self-service the
     * newest export still kept of the address; else back to the page.
     */
    @GET
    @Path(JSON_FILE)
    @Produces(MediaType.APPLICATION_JSON)
    public Response json(@CookieParam(CentrePage.COOKIE) String cookie) {
        return signIn.session(cookie)
                .flatMap(centreSee::bundleOf)
                .map(bundle -> Response.ok(bundle, MediaType.APPLICATION_JSON)
                        .header("Content-Disposition", ExportBundles.ATTACHMENT)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .build())
                .orElseGet(() -> Response.status(Response.Status.SEE_OTHER)
                        .header(HttpHeaders.LOCATION, CentrePage.PATH + "/data")
                        .build());
    }

    private Response data(CentreStore.Session session) {
        if (!centreSee.selfService(session)) {
            return personal(Templates.data(
                    centre.texts(),
                    session.csrfToken(),
                    asks.held(session.email()).orElse(null)));
        }
        CentreSee.Seeing seeing = centreSee.seeing(session);
        return personal(
                seeing.ready()
                        ? reports.page(
                                seeing.bundle(),
                                null,
                                headers.getAcceptableLanguages(),
                                CentrePage.PATH + "/data" + JSON_FILE)
                        : Templates.see(centre.texts(), session.csrfToken(), seeing));
    }

    /** A page with personal data: never kept by a browser or proxy cache. */
    private static Response personal(TemplateInstance page) {
        return Response.ok(page).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
