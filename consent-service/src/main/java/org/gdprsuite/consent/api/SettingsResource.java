package org.gdprsuite.consent.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.gdprsuite.consent.domain.ConsentSetting;
import org.gdprsuite.consent.domain.PrivacyNotice;
import org.gdprsuite.runtime.security.Roles;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/** Privacy-notice versions and the service's settings. */
@Path("/api/consents")
public class SettingsResource {

    public record NoticeView(String version, String textSha256, Instant effectiveAt) {
        static NoticeView of(PrivacyNotice n) {
            return new NoticeView(n.version, n.textSha256, n.effectiveAt);
        }
    }

    public record NoticeRequest(@NotBlank @Size(max = 100) @Pattern(regexp = "^[A-Za-z0-9._-]+$") String version,
            @NotBlank @Size(max = 200_000) String text, @NotNull Instant effectiveAt) {
    }

    public record Settings(@NotNull Boolean sendConsentRequests) {
    }

    @GET
    @Path("/notices")
    @RolesAllowed({ Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN })
    public List<NoticeView> notices() {
        return PrivacyNotice.<PrivacyNotice> listAll(Sort.by("effectiveAt")).stream().map(NoticeView::of).toList();
    }

    /** A new version of the notice; its text is kept as a hash, which proves what the person was shown. */
    @POST
    @Path("/notices")
    @RolesAllowed({ Roles.DPO, Roles.ADMIN })
    @Transactional
    public Response addNotice(@NotNull @Valid NoticeRequest request) {
        if (PrivacyNotice.findById(request.version()) != null) {
            throw new ClientErrorException("This notice version exists already; versions are never changed.",
                    Status.CONFLICT);
        }
        PrivacyNotice notice = new PrivacyNotice();
        notice.version = request.version();
        notice.textSha256 = sha256(request.text());
        notice.effectiveAt = request.effectiveAt();
        notice.persist();
        return Response.status(Status.CREATED).entity(NoticeView.of(notice)).build();
    }

    @GET
    @Path("/settings")
    @RolesAllowed({ Roles.DPO, Roles.ADMIN })
    public Settings settings() {
        return new Settings(ConsentSetting.current().sendConsentRequests);
    }

    @PUT
    @Path("/settings")
    @RolesAllowed({ Roles.DPO, Roles.ADMIN })
    @Transactional
    public Settings update(@NotNull @Valid Settings settings) {
        ConsentSetting.current().sendConsentRequests = settings.sendConsentRequests();
        return settings;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
