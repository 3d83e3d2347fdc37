package org.gdprsuite.incident.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.gdprsuite.incident.domain.Incident;
import org.gdprsuite.incident.domain.IncidentLifecycle;
import org.gdprsuite.incident.domain.IncidentLifecycle.Report;
import org.gdprsuite.runtime.web.PublicRateLimit;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The public breach report form: anyone who notices that personal data leaked can tell the
 * controller, without an account and without JavaScript. Rate-limited per address; the answer
 * shows only the reference, never what was submitted.
 */
@Path("/public/incidents/report")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class PublicReportPage {

    private static final int MAX_TEXT = 5_000;

    @Inject
    IncidentLifecycle lifecycle;

    @Inject
    PublicRateLimit rateLimit;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance reportForm(List<String> errors);

        static native TemplateInstance reportReceived(String reference);
    }

    @GET
    public TemplateInstance form() {
        return Templates.reportForm(List.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(
            @FormParam("description") String description,
            @FormParam("noticedOn") String noticedOn,
            @FormParam("contact") String contact,
            @Context HttpServerRequest request) {
        rateLimit.acquire(request.remoteAddress().hostAddress());
        List<String> errors = new java.util.ArrayList<>();
        if (description == null || description.isBlank()) {
            errors.add("Please describe what happened.");
        } else if (description.length() > MAX_TEXT) {
            errors.add("Please keep the description under " + MAX_TEXT + " characters.");
        }
        Instant occurredAt = null;
        if (noticedOn != null && !noticedOn.isBlank()) {
            try {
                occurredAt =
                        LocalDate.parse(noticedOn).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                errors.add("The date must look like 2026-11-23.");
            }
        }
        if (contact != null
                && !contact.isBlank()
                && (contact.length() > 320 || !contact.matches("[^@\\s]+@[^@\\s]+"))) {
            errors.add("The contact address is not an e-mail address.");
        }
        if (!errors.isEmpty()) {
            return Response.status(400).entity(Templates.reportForm(errors)).build();
        }
        Incident incident = lifecycle.report(
                new Report(
                        "Reported through the public form",
                        List.of(),
                        description,
                        occurredAt,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        contact == null || contact.isBlank() ? null : contact),
                Incident.Origin.PUBLIC,
                "public form");
        return Response.ok(Templates.reportReceived(incident.reference)).build();
    }
}
