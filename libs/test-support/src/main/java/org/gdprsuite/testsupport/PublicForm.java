package org.gdprsuite.testsupport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The anti-CSRF token of a public form (service-runtime's FormToken), as a browser holds it: the cookie the form's
 * page set and the hidden {@code csrf} field it showed. A test opens the page first, then posts with both, as a
 * person's browser would.
 */
public record PublicForm(String cookie, String csrf) {

    public static final String COOKIE = "gdpr_form";
    public static final String FIELD = "csrf";
    private static final Pattern HIDDEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    /** Opens the page at {@code path} with {@code spec} (caller address, headers) and keeps its token. */
    public static PublicForm open(RequestSpecification spec, String path) {
        Response page = spec.when().get(path);
        page.then().statusCode(200);
        return of(page);
    }

    /** The token of a page already fetched: its cookie and its form's hidden field. */
    public static PublicForm of(Response page) {
        String cookie = page.getCookie(COOKIE);
        Matcher field = HIDDEN.matcher(page.asString());
        if (cookie == null || !field.find()) {
            throw new AssertionError("the page has no anti-CSRF cookie and field (status " + page.statusCode() + ")");
        }
        return new PublicForm(cookie, field.group(1));
    }

    /** {@code spec} with the cookie and the form field, ready to post the form. */
    public RequestSpecification on(RequestSpecification spec) {
        return spec.cookie(COOKIE, cookie).formParam(FIELD, csrf);
    }

    /** The Cookie header's value, for a client other than REST Assured (a scanner, a raw socket). */
    public String cookieHeader() {
        return COOKIE + "=" + cookie;
    }
}
