package org.gdprsuite.consent.api;

import java.time.Instant;
import java.util.List;

import org.gdprsuite.consent.domain.ConsentSettings;
import org.gdprsuite.consent.domain.PrivacyNotice;
import org.gdprsuite.consent.domain.PrivacyNotices;
import org.gdprsuite.runtime.security.Roles;

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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/** Privacy-notice versions and the service's settings. */
@Path("/api/consents")
public class SettingsResource {

    @Inject
    PrivacyNotices notices;

    @Inject
    ConsentSettings settings;

    public record NoticeView(String version, String textSha256, Instant effectiveAt) {
        static NoticeView of(PrivacyNotice n) {
            return new NoticeView(n.version, n.textSha256, n.effectiveAt);
        }
    }

    public record NoticeRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = "^[A-Za-z0-9._-]+$")
            String version,

            @NotBlank @Size(max = 200_000) String text,
            @NotNull Instant effectiveAt) {}

    public record Settings(@NotNull Boolean sendConsentRequests) {}

    @GET
    @Path("/notices")
    @RolesAllowed({Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN})
    public List<NoticeView> notices() {
        return notices.list().stream().map(NoticeView::of).toList();
    }

    /** A new version of the notice; its text is kept as a hash, which proves what the person was shown. */
    @POST
    @Path("/notices")
    @RolesAllowed({Roles.DPO, Roles.ADMIN})
    public Response addNotice(@NotNull @Valid NoticeRequest request) {
        PrivacyNotice notice = notices.add(request.version(), request.text(), request.effectiveAt());
        return Response.status(Status.CREATED).entity(NoticeView.of(notice)).build();
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
