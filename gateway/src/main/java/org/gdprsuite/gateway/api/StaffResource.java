package org.gdprsuite.gateway.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gdprsuite.gateway.domain.StaffUser;
import org.gdprsuite.gateway.domain.StaffUsers;
import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.runtime.web.Results;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * Staff users of the suite (docs/staff-users.md), served by the gateway itself. Admins create users (with
 * the person's consent confirmed), change roles, issue a first-login password and end access; everyone sees
 * their own profile (with their staff-newsletter opt-in) and may end their own access; admins and the DPO look
 * ids and usernames up in the directory, which keeps the name, id and last role of terminated users. There is
 * no way to edit another user's name or email.
 */
@Path("/api/staff")
public class StaffResource {

    @Inject
    StaffUsers staff;

    @Inject
    JsonWebToken token;

    public record NewStaffUserBody(
            @NotBlank @Size(max = 100) String firstName,
            @NotBlank @Size(max = 100) String lastName,
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 50) String role,
            Boolean consentConfirmed) {}

    /** {@code confirmed: true}: one's own termination is asked for knowingly. */
    public record SelfTerminationBody(Boolean confirmed) {}

    public record RoleBody(@NotBlank @Size(max = 50) String role) {}

    /** {@code subscribed}: opted in to the staff newsletter. */
    public record NewsletterBody(@NotNull Boolean subscribed) {}

    /** A directory entry: no email, ever (Keycloak keeps it while the account is active, then deletes it). */
    public record StaffView(
            UUID id,
            String username,
            String firstName,
            String lastName,
            String role,
            boolean active,
            Instant createdAt,
            String consentConfirmedBy,
            Instant consentConfirmedAt,
            Instant terminatedAt,
            String terminatedBy) {
        static StaffView of(StaffUser u) {
            return new StaffView(
                    u.id,
                    u.username,
                    u.firstName,
                    u.lastName,
                    u.role,
                    !u.terminated(),
                    u.createdAt,
                    u.consentConfirmedBy,
                    u.consentConfirmedAt,
                    u.terminatedAt,
                    u.terminatedBy);
        }
    }

    /** Shown once, to the admin who hands it over: valid for the first login only, and until {@code validUntil}. */
    public record WithPasswordView(StaffView user, String temporaryPassword, Instant temporaryPasswordValidUntil) {
        static WithPasswordView of(StaffUsers.WithPassword created) {
            return new WithPasswordView(
                    StaffView.of(created.user()), created.temporaryPassword(), created.validUntil());
        }
    }

    /** One's own data: what the suite holds about its user. */
    public record ProfileView(
            UUID id,
            String username,
            String firstName,
            String lastName,
            String email,
            String role,
            String consentConfirmedBy,
            Instant consentConfirmedAt,
            boolean newsletter) {
        static ProfileView of(StaffUsers.Profile p) {
            return new ProfileView(
                    p.account().id(),
                    p.account().username(),
                    p.account().firstName(),
                    p.account().lastName(),
                    p.account().email(),
                    p.role(),
                    p.record() == null ? null : p.record().consentConfirmedBy,
                    p.record() == null ? null : p.record().consentConfirmedAt,
                    p.record() != null && p.record().newsletter);
        }
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid @NotNull NewStaffUserBody body) {
        StaffUsers.WithPassword created = staff.create(
                new StaffUsers.NewStaffUser(
                        body.firstName(), body.lastName(), body.email(), body.role(), body.consentConfirmed()),
                caller());
        return Response.created(URI.create("/api/staff/" + created.user().id))
                .entity(WithPasswordView.of(created))
                .build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.DPO})
    public Results<StaffView> list(
            @QueryParam("username") @Size(max = 200) String username,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Results<StaffUser> found = username == null ? staff.page(page, size) : byUsername(username, page, size);
        return new Results<>(found.items().stream().map(StaffView::of).toList(), page, size, found.total());
    }

    /** {@code ?username=}: the one user a ledger record, audit trail or access log names (none or one). */
    private Results<StaffUser> byUsername(String username, int page, int size) {
        List<StaffUser> found = staff.byUsername(username).map(List::of).orElse(List.of());
        return new Results<>(page == 0 ? found : List.of(), page, size, found.size());
    }

    /** Resolves an id to a name, also after the user's access ended. */
    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.DPO})
    public StaffView get(@PathParam("id") UUID id) {
        return StaffView.of(staff.lookup(id));
    }

    @PUT
    @Path("/{id}/role")
    @RolesAllowed(Roles.ADMIN)
    public StaffView changeRole(@PathParam("id") UUID id, @Valid @NotNull RoleBody body) {
        return StaffView.of(staff.changeRole(id, body.role(), caller()));
    }

    @POST
    @Path("/{id}/temporary-password")
    @RolesAllowed(Roles.ADMIN)
    public WithPasswordView issueTemporaryPassword(@PathParam("id") UUID id) {
        return WithPasswordView.of(staff.issueTemporaryPassword(id, caller()));
    }

    @POST
    @Path("/{id}/termination")
    @RolesAllowed(Roles.ADMIN)
    public StaffView terminate(@PathParam("id") UUID id) {
        return StaffView.of(staff.terminate(id, caller()));
    }

    @GET
    @Path("/me")
    @RolesAllowed({Roles.DPO, Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.ADMIN})
    public ProfileView me() {
        return ProfileView.of(staff.profile(self()));
    }

    /** One's own opt-in to the staff newsletter (docs/staff-users.md: why it is kept here). */
    @PUT
    @Path("/me/newsletter")
    @RolesAllowed({Roles.DPO, Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.ADMIN})
    public ProfileView newsletter(@Valid @NotNull NewsletterBody body) {
        staff.setNewsletter(self(), body.subscribed(), caller());
        return me();
    }

    /** Ends one's own access at once: signed out everywhere, the account disabled, the email deleted. */
    @POST
    @Path("/me/termination")
    @RolesAllowed({Roles.DPO, Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.ADMIN})
    public StaffView terminateSelf(@NotNull SelfTerminationBody body) {
        return StaffView.of(staff.terminateSelf(self(), caller(), body.confirmed()));
    }

    private UUID self() {
        return UUID.fromString(token.getSubject());
    }

    /** Who acts, as the access log names them: the token's principal (preferred_username). */
    private String caller() {
        return token.getName();
    }
}
