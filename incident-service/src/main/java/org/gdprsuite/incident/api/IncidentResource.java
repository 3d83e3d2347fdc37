package org.gdprsuite.incident.api;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.incident.api.IncidentViews.AuthorityReport;
import org.gdprsuite.incident.api.IncidentViews.IncidentView;
import org.gdprsuite.incident.api.IncidentViews.TimelineView;
import org.gdprsuite.incident.domain.Incident;
import org.gdprsuite.incident.domain.IncidentLifecycle;
import org.gdprsuite.incident.domain.IncidentLifecycle.Assessment;
import org.gdprsuite.incident.domain.IncidentLifecycle.Report;
import org.gdprsuite.incident.domain.Incidents;
import org.gdprsuite.incident.domain.RiskAssessment;
import org.gdprsuite.incident.domain.SubjectNotices;
import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.runtime.web.Results;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The breach register: every staff role may report a breach; dpo and admin manage the register. */
@Path("/api/incidents")
@RolesAllowed({Roles.DPO, Roles.ADMIN})
public class IncidentResource {

    @Inject
    IncidentLifecycle lifecycle;

    @Inject
    SubjectNotices notices;

    @Inject
    Incidents incidents;

    @Inject
    SecurityIdentity identity;

    @Inject
    Clock clock;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance authorityReport(AuthorityReport report);
    }

    /** What is known of a breach; on a report the nature, description and awareness are required. */
    public record ReportRequest(
            @Size(max = 300) String title,
            @Size(max = 3) List<Incident.@NotNull Nature> nature,
            @Size(max = 20_000) String description,
            Instant occurredAt,
            Instant awareAt,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> dataCategories,
            @PositiveOrZero @Max(10_000_000_000L) Long approxSubjects,
            @PositiveOrZero @Max(10_000_000_000L) Long approxRecords,
            @Size(max = 10_000) String likelyConsequences,
            @Size(max = 10_000) String measures,
            @Size(max = 500) String dpoContact) {

        Report toReport() {
            return new Report(
                    title,
                    nature,
                    description,
                    occurredAt,
                    awareAt,
                    dataCategories,
                    approxSubjects,
                    approxRecords,
                    likelyConsequences,
                    measures,
                    dpoContact,
                    null);
        }

        @AssertTrue(message = "a breach cannot have occurred after the controller became aware of it")
        public boolean isOccurredBeforeAwareness() {
            return occurredAt == null || awareAt == null || !occurredAt.isAfter(awareAt);
        }
    }

    public record Reported(UUID id, String reference, Instant notifyBy) {}

    public record StatusChange(@NotNull Incident.Status status) {}

    public record AssessmentRequest(
            @NotNull RiskAssessment.Likelihood likelihood,
            @NotNull RiskAssessment.Severity severity,
            @NotBlank @Size(max = 10_000) String rationale,
            RiskAssessment.Art34Exception art34Exception,
            @Size(max = 10_000) String art34ExceptionReason) {

        @AssertTrue(message = "an Art. 34(3) exception needs its documented reason")
        public boolean isExceptionDocumented() {
            return art34Exception == null || (art34ExceptionReason != null && !art34ExceptionReason.isBlank());
        }
    }

    public record AffectedRequest(
            @NotEmpty @Size(max = 100_000) List<@NotNull UUID> personIds) {}

    public record AuthorityNotification(
            Instant notifiedAt,
            @NotBlank @Size(max = 200) String reference,
            @Size(max = 10_000) String delayReason) {}

    public record Count(int count) {}

    /** Any staff member who notices a breach reports it here; the answer names the reference, nothing else. */
    @POST
    @RolesAllowed({Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN})
    public Response report(@NotNull @Valid ReportRequest request) {
        if (request.nature() == null
                || request.nature().isEmpty()
                || request.description() == null
                || request.description().isBlank()
                || request.title() == null
                || request.title().isBlank()) {
            throw new BadRequestException("A report needs a title, the nature and a description.");
        }
        if (request.awareAt() != null && request.awareAt().isAfter(clock.instant())) {
            throw new BadRequestException("awareAt cannot be in the future.");
        }
        Incident incident = lifecycle.report(request.toReport(), Incident.Origin.STAFF, actor());
        return Response.created(URI.create("/api/incidents/" + incident.id))
                .entity(new Reported(incident.id, incident.reference, incident.notifyBy()))
                .build();
    }

    /** The register, newest first, a page at a time; {@code overdue=true} lists the breaches past their 72 hours. */
    @GET
    public Results<IncidentView> list(
            @QueryParam("overdue") boolean overdueOnly,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Instant now = clock.instant();
        Results<Incident> found = incidents.page(overdueOnly, now, page, size);
        Map<UUID, Long> affected =
                incidents.affectedCounts(found.items().stream().map(i -> i.id).toList());
        return new Results<>(
                found.items().stream()
                        .map(i -> IncidentView.of(i, now, affected.getOrDefault(i.id, 0L)))
                        .toList(),
                page,
                size,
                found.total());
    }

    @GET
    @Path("/{id}")
    public IncidentView get(@PathParam("id") UUID id) {
        return view(incidents.find(id));
    }

    @PUT
    @Path("/{id}/details")
    public IncidentView describe(@PathParam("id") UUID id, @NotNull @Valid ReportRequest request) {
        if (request.awareAt() != null && request.awareAt().isAfter(clock.instant())) {
            throw new BadRequestException("awareAt cannot be in the future.");
        }
        return view(lifecycle.describe(id, request.toReport(), actor()));
    }

    @POST
    @Path("/{id}/status")
    public IncidentView advance(@PathParam("id") UUID id, @NotNull @Valid StatusChange change) {
        return view(lifecycle.advance(id, change.status(), actor()));
    }

    @POST
    @Path("/{id}/assessment")
    public IncidentView assess(@PathParam("id") UUID id, @NotNull @Valid AssessmentRequest request) {
        return view(lifecycle.assess(
                id,
                new Assessment(
                        request.likelihood(),
                        request.severity(),
                        request.rationale(),
                        request.art34Exception(),
                        request.art34ExceptionReason()),
                actor()));
    }

    @POST
    @Path("/{id}/affected-persons")
    public Count addAffected(@PathParam("id") UUID id, @NotNull @Valid AffectedRequest request) {
        return new Count(notices.addAffected(id, request.personIds(), actor()));
    }

    @POST
    @Path("/{id}/authority-notification")
    public IncidentView authorityNotified(@PathParam("id") UUID id, @NotNull @Valid AuthorityNotification request) {
        return view(lifecycle.authorityNotified(
                id, request.notifiedAt(), request.reference(), request.delayReason(), actor()));
    }

    /** Art. 34: a breach notice to every affected person not yet told. */
    @POST
    @Path("/{id}/subject-notifications")
    public Count notifySubjects(@PathParam("id") UUID id) {
        return new Count(notices.notifySubjects(id, actor()));
    }

    @GET
    @Path("/{id}/timeline")
    public List<TimelineView> timeline(@PathParam("id") UUID id) {
        incidents.find(id);
        return incidents.timeline(id).stream().map(TimelineView::of).toList();
    }

    /** The Art. 33(3) notification content, as JSON. */
    @GET
    @Path("/{id}/authority-report")
    @Produces(MediaType.APPLICATION_JSON)
    public AuthorityReport authorityReport(@PathParam("id") UUID id) {
        return authorityReportOf(id);
    }

    /** The same report, human-readable, to send or print. */
    @GET
    @Path("/{id}/authority-report")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance authorityReportDocument(@PathParam("id") UUID id) {
        return Templates.authorityReport(authorityReportOf(id));
    }

    private AuthorityReport authorityReportOf(UUID id) {
        Incident incident = incidents.find(id);
        return AuthorityReport.of(incident, notices.allTold(incident));
    }

    private IncidentView view(Incident incident) {
        return IncidentView.of(incident, clock.instant(), incidents.affectedCount(incident.id));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
