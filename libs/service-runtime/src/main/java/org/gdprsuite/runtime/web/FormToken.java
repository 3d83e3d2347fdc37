package org.gdprsuite.runtime.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The anti-CSRF token of a public form shown before any session (request portal, breach report, sign-in): a page
 * template writes it in a hidden field, {@code <input type="hidden" name="csrf" value="{inject:formToken.field}">}.
 * It is a signed double submit: the page also sets a random value in a cookie ({@code Secure; HttpOnly;
 * SameSite=Strict}, on {@code gdpr.public-forms.path}), the field carries that value signed with the service's link
 * key, and a POST to a path of {@code gdpr.public-forms.guarded} is refused with 403, before the resource runs, unless
 * the field verifies and names the cookie's value. Another site can neither read the field nor make one for a cookie
 * it planted. The filter that sets and checks it is in the library's internals.
 */
@Named("formToken")
@RequestScoped
public class FormToken {

    private String field = "";

    /** The hidden field's value; empty outside {@code gdpr.public-forms.path}. */
    public String getField() {
        return field;
    }

    /** Set by the library's filter once per request. */
    public void setField(String field) {
        this.field = field;
    }
}
