package org.gdprsuite.consent.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

import org.gdprsuite.consent.domain.OwnConsents;
import org.gdprsuite.consent.domain.OwnConsents.Given;
import org.gdprsuite.consent.domain.OwnConsents.Objected;
import org.gdprsuite.consent.domain.OwnConsents.Row;
import org.gdprsuite.consent.domain.Purposes;
import org.gdprsuite.consent.domain.Withdrawals;
import org.gdprsuite.runtime.links.InvalidLinkException;

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
import jakarta.ws.rs.core.Response;

/**
 * The person's consent page, reached from the signed link in every mail that asks for or relies on consent, from
 * the preference centre and from the privacy centre: every purpose that concerns the person with its state, notice
 * version and history; a button that withdraws each consent (Art. 7(3)) and, where the purpose allows self-service
 * consent, one that gives it under the notice in force. Only the page's POSTs change anything (a mail scanner
 * following the link changes nothing); the signed token in each form is what a forged cross-site POST cannot have.
 * An invalid or expired link is refused (403): a readable page for a browser, a problem for anything else.
 */
@Path("/public/consents/withdraw")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class WithdrawalPage {

    @Inject
    Withdrawals withdrawals;

    @Inject
    OwnConsents consents;

    @Inject
    Purposes purposes;

    @CheckedTemplate
    static class Templates {
        /**
         * outcome: LIST, WITHDRAWN, GIVEN or OBJECTED (of {@code purposeName}), NOTHING (nothing left to withdraw
         * there), ALREADY, REFUSED, UNKNOWN (nothing changed) or INVALID_LINK (no token, no rows).
         */
        static native TemplateInstance withdraw(
                ConsentPageTexts t,
                String token,
                List<Row> rows,
                String currentNotice,
                String outcome,
                String purposeName);
    }

    @GET
    public Response page(@QueryParam("token") String token, @Context HttpHeaders headers) {
        return forPerson(token, headers, (person, texts) -> Response.ok(page(texts, token, person, "LIST", null)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response withdraw(
            @FormParam("token") String token,
            @FormParam("purpose") String purpose,
            @Context HttpServerRequest request,
            @Context HttpHeaders headers) {
        return forPerson(token, headers, (person, texts) -> {
            // Withdrawn first, then listed: the list reads the state the withdrawal left.
            Optional<String> withdrawn = withdrawals.withdraw(
                    person, purpose, ConfirmationPage.evidence(request, headers, Withdrawals.PAGE));
            String outcome = withdrawn.isPresent() ? "WITHDRAWN" : "NOTHING";
            return Response.ok(page(texts, token, person, outcome, withdrawn.orElse(null)));
        });
    }

    /**
     * Gives consent from the page where the purpose allows it: 404 for a purpose not in the catalogue, 403 where it
     * cannot be given here; either changes nothing and shows the page again with the reason.
     */
    @POST
    @Path("/give")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response give(
            @FormParam("token") String token,
            @FormParam("purpose") String purpose,
            @Context HttpServerRequest request,
            @Context HttpHeaders headers) {
        return forPerson(token, headers, (person, texts) -> {
            Given given = consents.give(
                    person, purpose, texts.lang(), ConfirmationPage.evidence(request, headers, OwnConsents.PAGE));
            Response.Status status = switch (given) {
                case GIVEN, ALREADY -> Response.Status.OK;
                case UNKNOWN_PURPOSE -> Response.Status.NOT_FOUND;
                case REFUSED -> Response.Status.FORBIDDEN;
            };
            String outcome = given == Given.UNKNOWN_PURPOSE ? "UNKNOWN" : given.name();
            String name = given == Given.GIVEN ? purposes.nameOf(purpose) : null;
            return Response.status(status).entity(page(texts, token, person, outcome, name));
        });
    }

    /**
     * Objects to a purpose processed on legitimate interests or a public task (Art. 21(1)), at once: 404 for a
     * purpose not in the catalogue, 403 where it cannot be objected to here; either changes nothing.
     */
    @POST
    @Path("/object")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response object(
            @FormParam("token") String token, @FormParam("purpose") String purpose, @Context HttpHeaders headers) {
        return forPerson(token, headers, (person, texts) -> {
            Objected objected = consents.object(person, purpose);
            Response.Status status = switch (objected) {
                case OBJECTED -> Response.Status.OK;
                case UNKNOWN_PURPOSE -> Response.Status.NOT_FOUND;
                case REFUSED -> Response.Status.FORBIDDEN;
            };
            String outcome = objected == Objected.UNKNOWN_PURPOSE ? "UNKNOWN" : objected.name();
            String name = objected == Objected.OBJECTED ? purposes.nameOf(purpose) : null;
            return Response.status(status).entity(page(texts, token, person, outcome, name));
        });
    }

    /** The answer of {@code action} for the link's person, in the browser's language; the invalid-link page if none. */
    private Response forPerson(
            String token, HttpHeaders headers, BiFunction<UUID, ConsentPageTexts, Response.ResponseBuilder> action) {
        ConsentPageTexts texts = ConsentPageTexts.of(headers.getAcceptableLanguages());
        return person(token, headers)
                .map(person -> action.apply(person, texts))
                .orElseGet(() -> invalidLink(texts))
                .build();
    }

    private String page(ConsentPageTexts texts, String token, UUID person, String outcome, String purposeName) {
        return Templates.withdraw(
                        texts,
                        token,
                        consents.of(person),
                        consents.currentNotice(texts.lang()).orElse(null),
                        outcome,
                        purposeName)
                .render();
    }

    /**
     * The person of the link; empty when it is invalid and the caller is a browser (it gets a page). Any other
     * caller gets the problem ({@link InvalidLinkException}, 403) as before.
     */
    private Optional<UUID> person(String token, HttpHeaders headers) {
        try {
            return Optional.of(withdrawals.person(token));
        } catch (InvalidLinkException e) {
            boolean browser = headers.getAcceptableMediaTypes().stream()
                    .anyMatch(type -> !type.isWildcardType() && type.isCompatible(MediaType.TEXT_HTML_TYPE));
            if (browser) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Response.ResponseBuilder invalidLink(ConsentPageTexts texts) {
        return Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.withdraw(texts, null, List.of(), null, "INVALID_LINK", null)
                        .render());
    }
}
