package org.gdprsuite.runtime.internal.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.gdprsuite.runtime.internal.config.PublicFormsConfig;
import org.gdprsuite.runtime.links.InvalidLinkException;
import org.gdprsuite.runtime.links.SignedLinks;
import org.gdprsuite.runtime.web.FormToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Sets and checks {@link FormToken}: every page under {@code gdpr.public-forms.path} keeps (or starts) the browser's
 * random value in the cookie and gives its template the signed field; a POST to a guarded path whose field does not
 * verify against the cookie is answered 403 before the resource runs, so nothing is stored and no mail goes.
 */
public class FormTokenFilter {

    static final String COOKIE = "gdpr_form";
    static final String FIELD = "csrf";
    static final String SCOPE = "public-form";
    private static final String NEW_COOKIE = FormTokenFilter.class.getName() + ".new";
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    PublicFormsConfig config;

    @Inject
    SignedLinks links;

    @Inject
    FormToken token;

    private volatile List<Pattern> guarded;

    @ServerRequestFilter
    @WithFormRead
    public Optional<Response> check(ContainerRequestContext request) {
        String path = path(request);
        String prefix = config.path().orElse(null);
        if (prefix == null || !(path.equals(prefix) || path.startsWith(prefix + "/"))) {
            return Optional.empty();
        }
        String cookie = Optional.ofNullable(request.getCookies().get(COOKIE))
                .map(Cookie::getValue)
                .filter(value -> VALUE.matcher(value).matches())
                .orElse(null);
        if (HttpMethod.POST.equals(request.getMethod()) && isGuarded(path) && !verifies(cookie, field())) {
            return Optional.of(refused(request));
        }
        String value = cookie;
        if (value == null) {
            value = random();
            request.setProperty(NEW_COOKIE, value);
        }
        token.setField(links.sign(SCOPE, value, config.validity()));
        return Optional.empty();
    }

    /**
     * A browser without the cookie gets one, for the browser's session: the field's signed expiry bounds each form,
     * and a cookie kept as it is stays the one every open form of the browser names.
     */
    @ServerResponseFilter
    public void setCookie(ContainerRequestContext request, ContainerResponseContext response) {
        Object value = request.getProperty(NEW_COOKIE);
        if (value != null) {
            response.getHeaders()
                    .add(
                            HttpHeaders.SET_COOKIE,
                            COOKIE + "=" + value + "; Path=" + config.path().orElseThrow()
                                    + "; Secure; HttpOnly; SameSite=Strict");
        }
    }

    private boolean verifies(String cookie, String field) {
        if (cookie == null || field == null) {
            return false;
        }
        try {
            String signed = links.verify(field, SCOPE).subject();
            return MessageDigest.isEqual(
                    signed.getBytes(StandardCharsets.US_ASCII), cookie.getBytes(StandardCharsets.US_ASCII));
        } catch (InvalidLinkException e) {
            return false;
        }
    }

    private boolean isGuarded(String path) {
        List<Pattern> patterns = guarded;
        if (patterns == null) {
            patterns = config.guarded().orElse(List.of()).stream()
                    .map(Pattern::compile)
                    .toList();
            guarded = patterns;
        }
        return patterns.stream().anyMatch(p -> p.matcher(path).matches());
    }

    /** The form's field, read by Quarkus REST before this filter runs ({@code @WithFormRead}). */
    private static String field() {
        ResteasyReactiveRequestContext context = CurrentRequestManager.get();
        Object value = context == null ? null : context.getFormParameter(FIELD, true, false);
        return value instanceof String text ? text : null;
    }

    private static String path(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.startsWith("/") ? path : "/" + path;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A page a person can read: in German for a browser that prefers it to English, as the centre speaks. */
    private static Response refused(ContainerRequestContext request) {
        boolean german = request.getAcceptableLanguages().stream()
                .map(Locale::getLanguage)
                .filter(language -> language.equals("de") || language.equals("en"))
                .findFirst()
                .map("de"::equals)
                .orElse(false);
        String lang = german ? "de" : "en";
        String title = german ? "Formular abgelaufen" : "Form expired";
        String text = german
                ? "Dieses Formular ist abgelaufen oder kam nicht von unserer Seite. Bitte laden Sie die Seite neu"
                        + " und senden Sie es noch einmal. Es wurde nichts gespeichert."
                : "This form has expired or did not come from our page. Please reload the page and send it again."
                        + " Nothing was stored.";
        String page = "<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
                + "</title></head><body><main><h1>" + title + "</h1><p>" + text + "</p></main></body></html>";
        return Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .entity(page)
                .build();
    }
}
