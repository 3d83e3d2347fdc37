package org.gdprsuite.consent.api;

import java.time.Instant;
import java.util.List;

import org.gdprsuite.consent.domain.ConsentSettings;
import org.gdprsuite.consent.domain.PrivacyNotice;
import org.gdprsuite.consent.domain.PrivacyNotices;
import org.gdprsuite.runtime.security.Roles;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/** Privacy-notice versions and the service's settings. */
@Path("/api/consents")
public class SettingsResource {

    @Inject
    PrivacyNotices notices;

    @Inject
    ConsentSettings settings;

    @Inject
    SecurityIdentity identity;

    /** A version as lists show it; {@code url} is its public page (none for a version kept as a hash only). */
    public record NoticeView(
            String version, String language, String title, String textSha256, Instant effectiveAt, String url) {
        static NoticeView of(PrivacyNotices.Summary n, PrivacyNotices notices) {
            return new NoticeView(
                    n.version(),
                    n.language(),
                    n.title(),
                    n.textSha256(),
                    n.effectiveAt(),
                    n.hasText() ? notices.publicUrl(n.version()) : null);
        }
    }

    /** A version with its text (none for a version kept as a hash only). */
    public record NoticeText(@JsonUnwrapped NoticeView notice, String text, String createdBy) {
        static NoticeText of(PrivacyNotice n, PrivacyNotices notices) {
            return new NoticeText(
                    NoticeView.of(
                            new PrivacyNotices.Summary(
                                    n.version, n.language, n.title, n.textSha256, n.effectiveAt, n.text != null),
                            notices),
                    n.text,
                    n.createdBy);
        }
    }

    public record NoticeRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = "^[A-Za-z0-9._-]+$")
            String version,

            /** BCP 47 language tag (default gdpr.consent.notice-language). */
            @Pattern(regexp = NoticePage.LANGUAGE, message = "must be a language tag such as en or de-AT")
            String language,

            @Size(max = 300) String title,
            @NotBlank @Size(max = 200_000) String text,
            @NotNull Instant effectiveAt) {}

    public record Settings(@NotNull Boolean sendConsentRequests) {}

    @GET
    @Path("/notices")
    @RolesAllowed({Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN})
    public List<NoticeView> notices() {
        return notices.list().stream().map(n -> NoticeView.of(n, notices)).toList();
    }

    @GET
    @Path("/notices/{version}")
    @RolesAllowed({Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN})
    public NoticeText notice(@PathParam("version") String version) {
        return NoticeText.of(notices.get(version), notices);
    }

    /**
     * A new version of the notice in one language, readable at once on its public page; its hash proves what the
     * person was shown.
     */
    @POST
    @Path("/notices")
    @RolesAllowed({Roles.DPO, Roles.ADMIN})
    public Response addNotice(@NotNull @Valid NoticeRequest request) {
        PrivacyNotice notice = notices.add(
                new PrivacyNotices.Draft(
                        request.version(), request.language(), request.title(), request.text(), request.effectiveAt()),
                identity.getPrincipal().getName());
        return Response.status(Status.CREATED)
                .entity(NoticeText.of(notice, notices))
                .build();
    }

    @GET
    @Path("/settings")
    @RolesAllowed({Roles.DPO, Roles.ADMIN})
    public Settings settings() {
        return new Settings(settings.sendConsentRequests());
    }

    @PUT
    @Path("/settings")
    @RolesAllowed({Roles.DPO, Roles.ADMIN})
    public Settings update(@NotNull @Valid Settings wanted) {
        settings.sendConsentRequests(wanted.sendConsentRequests());
        return wanted;
    }
}
