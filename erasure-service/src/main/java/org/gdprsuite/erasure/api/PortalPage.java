package org.gdprsuite.erasure.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.erasure.domain.RequestType;
import org.gdprsuite.erasure.export.ExportBundles;
import org.gdprsuite.erasure.export.Exports;
import org.gdprsuite.erasure.export.Reports;
import org.gdprsuite.erasure.intake.AddressVerification;
import org.gdprsuite.erasure.intake.Intake;
import org.gdprsuite.runtime.problem.Problem;
import org.gdprsuite.runtime.web.PublicRateLimit;

import com.fasterxml.jackson.databind.JsonNode;

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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The public request portal: a person asks for access, a copy, erasure, ... of their data, proves the
 * address by a code or link sent to it, and later downloads their export from the page a signed link opens. The
 * answers are the same whether or not the address is known, so nobody learns who is in the CRM.
 */
@Path("/public/requests")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class PortalPage {

    @Inject
    Intake intake;

    @Inject
    AddressVerification verification;

    @Inject
    Exports exports;

    @Inject
    Reports reports;

    @Inject
    PublicRateLimit rateLimit;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance portal(List<RequestType> types, List<String> errors);

        static native TemplateInstance sent(UUID requestId, boolean wrongCode);

        static native TemplateInstance message(String title, String text);

        static native TemplateInstance download(String token);

        static native TemplateInstance verify(String token);
    }

    @GET
    public TemplateInstance form() {
        return Templates.portal(Arrays.asList(RequestType.values()), List.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(
            @FormParam("type") String type,
            @FormParam("email") String email,
            @FormParam("details") String details,
            @Context HttpServerRequest http) {
        rateLimit.acquire(http.remoteAddress().hostAddress());
        List<String> errors = new ArrayList<>();
        RequestType requestType = Arrays.stream(RequestType.values())
                .filter(t -> t.name().equals(type))
                .findFirst()
                .orElse(null);
        if (requestType == null) {
            errors.add("Please choose what you ask for.");
        }
        if (email == null || email.length() > 320 || !email.strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.add("Please give the e-mail address we know you by.");
        }
        if (details != null && details.length() > 5000) {
            errors.add("Please keep the details under 5000 characters.");
        }
        if (!errors.isEmpty()) {
            return Response.status(400)
                    .entity(Templates.portal(Arrays.asList(RequestType.values()), errors))
                    .build();
        }
        return Response.ok(Templates.sent(intake.takeFromPortal(requestType, email, details), false))
                .build();
    }

    @POST
    @Path("/{id}/verification")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(@PathParam("id") UUID id, @FormParam("code") String code, @Context HttpServerRequest http) {
        rateLimit.acquire(http.remoteAddress().hostAddress());
        if (code != null && code.strip().matches("\\d{6}") && verification.verifyCode(id, code.strip())) {
            return Response.ok(verified()).build();
        }
        return Response.status(400).entity(Templates.sent(id, true)).build();
    }

    /**
     * The mailed verification link opens a page with a button; opening it proves nothing, since mail scanners
     * follow links before the person does. A link already used answers 410.
     */
    @GET
    @Path("/verify")
    public Response verifyPage(@QueryParam("token") String token) {
        if (!verification.linkWaiting(token)) {
            return linkUsed();
        }
        return Response.ok(Templates.verify(token)).build();
    }

    /** The page's button: the address is proved, once. */
    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verifyLink(@FormParam("token") String token) {
        if (verification.verifyLink(token)) {
            return Response.ok(verified()).build();
        }
        return linkUsed();
    }

    private static Response linkUsed() {
        return Response.status(410)
                .entity(Templates.message(
                        "Link already used", "This link was used already or the request no longer waits for it."))
                .build();
    }

    /**
     * The mailed download link opens a page with a button; opening it spends nothing, since mail scanners follow
     * links before the person does. A link already used answers 410.
     */
    @GET
    @Path("/download")
    public Response downloadPage(@QueryParam("token") String token) {
        if (!exports.waiting(token)) {
            return alreadyDownloaded();
        }
        return Response.ok(Templates.download(token)).build();
    }

    /**
     * The export, once, from the page's button: JSON (machine-readable, Art. 20) or, with format=html, the personal
     * data report to read and print, in the language asked for ({@code lang}) or the browser's. Of two posts of one link exactly one gets the file; the other answers 410 (a page for a browser,
     * problem+json for a program).
     */
    @POST
    @Path("/download")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    public Response download(
            @FormParam("token") String token,
            @FormParam("format") String format,
            @FormParam("lang") String lang,
            @Context HttpHeaders headers) {
        JsonNode bundle = exports.download(token).orElse(null);
        if (bundle == null) {
            return wantsPage(headers)
                    ? alreadyDownloaded()
                    : new Problem(
                                    Problem.TYPE_BASE + "export-already-downloaded",
                                    "Gone",
                                    410,
                                    "This export was downloaded already.",
                                    List.of())
                            .toResponse();
        }
        if ("html".equals(format)) {
            return Response.ok(reports.page(bundle, lang, headers.getAcceptableLanguages()), MediaType.TEXT_HTML)
                    .build();
        }
        return Response.ok(bundle, MediaType.APPLICATION_JSON)
                .header("Content-Disposition", ExportBundles.ATTACHMENT)
                .build();
    }

    private static boolean wantsPage(HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream()
                .anyMatch(type -> !type.isWildcardType() && type.isCompatible(MediaType.TEXT_HTML_TYPE));
    }

    private static Response alreadyDownloaded() {
        return Response.status(410)
                .type(MediaType.TEXT_HTML)
                .entity(Templates.message(
                        "Already downloaded",
                        "This export was downloaded already. Ask us again if you need another copy."))
                .build();
    }

    private static TemplateInstance verified() {
        return Templates.message(
                "Thank you", "Your address is confirmed. We will answer your request within one month.");
    }
}
