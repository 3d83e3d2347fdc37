package org.gdprsuite.erasure.centre;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.gdprsuite.erasure.config.ErasureConfig;
import org.gdprsuite.erasure.domain.RequestType;
import org.gdprsuite.runtime.web.PublicRateLimit;
import org.gdprsuite.runtime.web.StorableText;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
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
 * The privacy centre's pages, server-rendered and working without JavaScript: signing in by address, then, bound
 * to that address by a session cookie, the person's requests, asking for more, and the data held. Every form that
 * changes something carries the session's anti-CSRF token; without a live session a page is the sign-in page.
 */
@Path(CentrePage.PATH)
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class CentrePage {

    public static final String PATH = "/public/requests/centre";
    static final String COOKIE = "gdpr_centre";
    static final int MAX_DETAILS = 2000;

    @Inject
    SignIn signIn;

    @Inject
    CentreAsks asks;

    @Inject
    CentreControl control;

    @Inject
    PublicRateLimit rateLimit;

    @Inject
    ErasureConfig config;

    @Context
    HttpHeaders headers;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(CentreTexts t, List<String> errors);

        static native TemplateInstance code(CentreTexts t, UUID signInId, boolean wrong);

        static native TemplateInstance link(CentreTexts t, String token);

        static native TemplateInstance home(
                CentreTexts t,
                String email,
                String csrf,
                List<CentreStore.Asked> requests,
                List<RequestType> askable,
                List<String> errors,
                List<CentreCorrection.Field> fields,
                List<String> correctErrors,
                Set<String> appliedAtOnce,
                List<CentreControl.Person> persons,
                boolean resolved);

        static native TemplateInstance message(CentreTexts t, String title, String text);
    }

    @GET
    public TemplateInstance home(@CookieParam(COOKIE) String cookie) {
        return signIn.session(cookie)
                .map(s -> home(s, List.of(), List.of()))
                .orElseGet(() -> Templates.signIn(texts(), List.of()));
    }

    @POST
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("email") String email, @Context HttpServerRequest http) {
        rateLimit.acquire(http.remoteAddress().hostAddress());
        if (email == null
                || email.length() > 320
                || !CentreCorrection.EMAIL.matcher(email.strip()).matches()) {
            return Response.status(400)
                    .entity(Templates.signIn(texts(), List.of(texts().of("error.email"))))
                    .build();
        }
        UUID id = signIn.start(email.strip().toLowerCase());
        return Response.ok(Templates.code(texts(), id, false)).build();
    }

    @POST
    @Path("/sign-in/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response code(@PathParam("id") UUID id, @FormParam("code") String code, @Context HttpServerRequest http) {
        rateLimit.acquire(http.remoteAddress().hostAddress());
        Optional<SignIn.Opened> opened =
                code != null && code.strip().matches("\\d{6}") ? signIn.byCode(id, code.strip()) : Optional.empty();
        return opened.map(this::enter)
                .orElseGet(() -> Response.status(400)
                        .entity(Templates.code(texts(), id, true))
                        .build());
    }

    /** The mailed link opens a page with a button; opening it proves nothing (mail scanners follow links). */
    @GET
    @Path("/link")
    public Response linkPage(@QueryParam("token") String token) {
        return signIn.linkWaiting(token)
                ? Response.ok(Templates.link(texts(), token)).build()
                : linkUsed();
    }

    @POST
    @Path("/link")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response link(@FormParam("token") String token, @Context HttpServerRequest http) {
        rateLimit.acquire(http.remoteAddress().hostAddress());
        return signIn.byLink(token).map(this::enter).orElseGet(this::linkUsed);
    }

    @POST
    @Path("/requests")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response ask(
            @CookieParam(COOKIE) String cookie,
            @FormParam("csrf") String csrf,
            @FormParam("type") String type,
            @FormParam("details") String details) {
        return guarded(cookie, csrf, session -> {
            List<String> errors = new ArrayList<>();
            RequestType asked = Arrays.stream(RequestType.values())
                    .filter(t -> t.name().equals(type) && CentreAsks.ASKABLE.contains(t))
                    .findFirst()
                    .orElse(null);
            if (asked == null) {
                errors.add(texts().of("error.type"));
            }
            String text = details == null || details.isBlank() ? null : details.strip();
            if (asked == RequestType.OBJECTION && text == null) {
                errors.add(texts().of("error.objectionGrounds")); // Art. 21(1): grounds of a particular situation
            }
            if (text != null && (text.length() > MAX_DETAILS || !StorableText.isStorable(text))) {
                errors.add(texts().of("error.detailsLong"));
            } else if (text != null && CentreCorrection.MARKUP.matcher(text).find()) {
                errors.add(texts().of("error.markup"));
            }
            if (!errors.isEmpty()) {
                return Response.status(400)
                        .entity(home(session, errors, List.of()))
                        .build();
            }
            asks.ask(session.email(), asked, text);
            return backHome();
        });
    }

    /** Art. 16: one field of the contact details and its new value, as a rectification request. */
    @POST
    @Path("/corrections")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response correct(
            @CookieParam(COOKIE) String cookie,
            @FormParam("csrf") String csrf,
            @FormParam("field") String field,
            @FormParam("value") String value) {
        return guarded(cookie, csrf, session -> {
            Optional<CentreCorrection.Refusal> refused = CentreCorrection.check(field, value);
            if (refused.isPresent()) {
                return Response.status(400)
                        .entity(home(
                                session,
                                List.of(),
                                List.of(texts().of(refused.get().text()))))
                        .build();
            }
            asks.correct(session, CentreCorrection.of(field, value));
            return backHome();
        });
    }

    /** Art. 21(2): direct marketing stops for every person of the address. */
    @POST
    @Path("/objections")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response object(@CookieParam(COOKIE) String cookie, @FormParam("csrf") String csrf) {
        return guarded(cookie, csrf, session -> {
            asks.objectToDirectMarketing(session);
            return backHome();
        });
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@CookieParam(COOKIE) String cookie, @FormParam("csrf") String csrf) {
        return guarded(cookie, csrf, session -> {
            signIn.signOut(cookie);
            return seeHome().header(HttpHeaders.SET_COOKIE, cookie("", 0)).build();
        });
    }

    /** A form that changes something: a live session and its own anti-CSRF token, or nothing happens. */
    Response guarded(String cookie, String csrf, java.util.function.Function<CentreStore.Session, Response> action) {
        Optional<CentreStore.Session> session = signIn.session(cookie);
        if (session.isEmpty()) {
            return backHome(); // the sign-in page: no session, nothing to change
        }
        if (csrf == null
                || !MessageDigest.isEqual(
                        csrf.getBytes(StandardCharsets.UTF_8),
                        session.get().csrfToken().getBytes(StandardCharsets.UTF_8))) {
            return Response.status(403)
                    .entity(Templates.message(texts(), texts().of("title.forbidden"), texts().of("forbidden.text")))
                    .build();
        }
        return action.apply(session.get());
    }

    private TemplateInstance home(CentreStore.Session session, List<String> errors, List<String> correctErrors) {
        return Templates.home(
                texts(),
                session.email(),
                session.csrfToken(),
                asks.requestsOf(session.email()),
                Arrays.stream(RequestType.values())
                        .filter(CentreAsks.ASKABLE::contains)
                        .toList(),
                errors,
                List.of(CentreCorrection.Field.values()),
                correctErrors,
                asks.appliedAtOnce(session),
                control.personsOf(session),
                session.personIds() != null);
    }

    /** Signed in: the session cookie, and the centre's first page (a redirect, so a reload posts nothing again). */
    private Response enter(SignIn.Opened opened) {
        return seeHome()
                .header(
                        HttpHeaders.SET_COOKIE,
                        cookie(
                                opened.cookieValue(),
                                config.erasure().centreSessionValidity().toSeconds()))
                .build();
    }

    private static Response backHome() {
        return seeHome().build();
    }

    /**
     * A redirect to the centre's first page by path: the browser stays on the address it came by (the gateway's
     * public one), which this service behind the gateway does not know.
     */
    private static Response.ResponseBuilder seeHome() {
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, PATH);
    }

    private Response linkUsed() {
        return Response.status(410)
                .entity(Templates.message(texts(), texts().of("title.linkUsed"), texts().of("linkUsed.text")))
                .build();
    }

    /** Sent only over HTTPS, never to scripts, never with a request from another site, only to the centre. */
    private static String cookie(String value, long maxAgeSeconds) {
        return COOKIE + "=" + value + "; Path=" + PATH + "; Max-Age=" + maxAgeSeconds
                + "; Secure; HttpOnly; SameSite=Strict";
    }

    CentreTexts texts() {
        return CentreTexts.forLanguages(headers.getAcceptableLanguages());
    }
}
