package org.gdprsuite.gateway.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.Config;
import org.gdprsuite.gateway.config.GatewayConfig;
import org.gdprsuite.runtime.problem.DomainProblem;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.admin.client.resource.UsersResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * The staff users' accounts in Keycloak, through its admin REST API, as the gateway's own service account
 * (client credentials of {@code gdpr.gateway.staff.client-id}, realm-management view-users and manage-users).
 * Keycloak's refusals become domain problems; Keycloak out of reach is {@link StaffAccountsUnavailable}.
 */
@ApplicationScoped
public class StaffAccounts {

    private static final Logger LOG = Logger.getLogger(StaffAccounts.class);
    static final String UPDATE_PASSWORD = "UPDATE_PASSWORD";
    static final String CONFIGURE_TOTP = "CONFIGURE_TOTP";

    /** An account as Keycloak holds it; {@code roles} are its direct realm roles. */
    public record Account(
            UUID id,
            String username,
            String firstName,
            String lastName,
            String email,
            boolean enabled,
            List<String> roles,
            List<String> requiredActions) {}

    /** A new account: it must set a new password at its first login; dpo and admin also a second factor. */
    public record NewAccount(
            String username,
            String firstName,
            String lastName,
            String email,
            String role,
            String temporaryPassword,
            boolean secondFactor) {}

    @Inject
    GatewayConfig config;

    @Inject
    Config quarkusConfig;

    private Keycloak keycloak;

    public UUID create(NewAccount account) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(account.username());
        user.setFirstName(account.firstName());
        user.setLastName(account.lastName());
        user.setEmail(account.email());
        user.setEnabled(true);
        user.setCredentials(List.of(temporary(account.temporaryPassword())));
        user.setRequiredActions(
                account.secondFactor() ? List.of(UPDATE_PASSWORD, CONFIGURE_TOTP) : List.of(UPDATE_PASSWORD));
        UUID id = call(() -> {
            try (Response created = users().create(user)) {
                if (created.getStatus() == 409) {
                    throw DomainProblem.conflict(
                            "staff-account-exists", "A staff user with this email exists already.");
                }
                return UUID.fromString(CreatedResponseUtil.getCreatedId(created));
            }
        });
        try {
            changeRole(id, null, account.role());
        } catch (RuntimeException roleRefused) {
            // No half-made account: without its role it is removed again.
            remove(id);
            throw roleRefused;
        }
        return id;
    }

    public Account account(UUID id) {
        return call(() -> {
            UserResource user = user(id);
            UserRepresentation found = user.toRepresentation();
            List<String> roles = user.roles().realmLevel().listAll().stream()
                    .map(RoleRepresentation::getName)
                    .toList();
            return new Account(
                    id,
                    found.getUsername(),
                    found.getFirstName(),
                    found.getLastName(),
                    found.getEmail(),
                    Boolean.TRUE.equals(found.isEnabled()),
                    roles,
                    found.getRequiredActions() == null ? List.of() : found.getRequiredActions());
        });
    }

    /** The id of the account with exactly this username, if there is one. */
    public Optional<UUID> idOf(String username) {
        return call(() -> users().search(username, true).stream()
                .filter(u -> username.equalsIgnoreCase(u.getUsername()))
                .map(u -> UUID.fromString(u.getId()))
                .findFirst());
    }

    /** Replaces the realm role {@code from} (none when null) by {@code to}. */
    public void changeRole(UUID id, String from, String to) {
        call(() -> {
            var realmRoles = user(id).roles().realmLevel();
            boolean holds =
                    realmRoles.listAll().stream().anyMatch(r -> r.getName().equals(to));
            if (!holds) {
                List<RoleRepresentation> add = realmRoles.listAvailable().stream()
                        .filter(r -> r.getName().equals(to))
                        .toList();
                if (add.isEmpty()) {
                    throw DomainProblem.unprocessable("staff-role-unknown", "The realm has no role " + to + ".");
                }
                realmRoles.add(add);
            }
            if (from != null && !from.equals(to)) {
                realmRoles.remove(realmRoles.listAll().stream()
                        .filter(r -> r.getName().equals(from))
                        .toList());
            }
            return null;
        });
    }

    /** Deletes an account the suite could not finish making (it was never handed over). */
    public void remove(UUID id) {
        call(() -> {
            user(id).remove();
            return null;
        });
    }

    /** Signs the account out everywhere, disables it and deletes its email at once (Art. 17). */
    public void terminate(UUID id) {
        call(() -> {
            UserResource user = user(id);
            UserRepresentation change = new UserRepresentation();
            change.setEnabled(false);
            change.setEmail("");
            change.setEmailVerified(false);
            user.update(change);
            user.logout();
            return null;
        });
    }

    /** A new temporary password, valid for the first login only. */
    public void issueTemporaryPassword(UUID id, String password) {
        call(() -> {
            user(id).resetPassword(temporary(password));
            return null;
        });
    }

    /**
     * Removes the password of an account that never used its temporary one (it still has to update it); true
     * when removed, false when the user has chosen their own password meanwhile.
     */
    public boolean expireTemporaryPassword(UUID id) {
        return call(() -> {
            UserResource user = user(id);
            List<String> actions = user.toRepresentation().getRequiredActions();
            if (actions == null || !actions.contains(UPDATE_PASSWORD)) {
                return false;
            }
            user.credentials().stream()
                    .filter(c -> CredentialRepresentation.PASSWORD.equals(c.getType()))
                    .forEach(c -> user.removeCredential(c.getId()));
            return true;
        });
    }

    private static CredentialRepresentation temporary(String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(true);
        return credential;
    }

    private UserResource user(UUID id) {
        return users().get(id.toString());
    }

    private UsersResource users() {
        return keycloak().realm(realm()).users();
    }

    private <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            // The REST-client flavour of the admin client may answer a 404 as a plain WebApplicationException.
            if (e instanceof NotFoundException || e.getResponse().getStatus() == 404) {
                throw DomainProblem.notFound("staff-user-not-found", "There is no such staff user.");
            }
            throw unavailable("status " + e.getResponse().getStatus());
        } catch (ProcessingException e) {
            throw unavailable(e.getClass().getName());
        }
    }

    /** An operational alarm without personal data: the status or the kind of failure only. */
    private static StaffAccountsUnavailable unavailable(String failure) {
        LOG.errorf("Keycloak's admin API refused or failed a staff-user call: %s", failure);
        return new StaffAccountsUnavailable("Staff-user management cannot reach Keycloak right now; try again.");
    }

    private synchronized Keycloak keycloak() {
        if (keycloak == null) {
            String secret = config.staff()
                    .clientSecret()
                    .orElseThrow(() -> new StaffAccountsUnavailable(
                            "Staff-user management is not configured (gdpr.gateway.staff.client-secret)."));
            keycloak = KeycloakBuilder.builder()
                    .serverUrl(realmUrl().substring(0, realmUrl().indexOf("/realms/")))
                    .realm(realm())
                    .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                    .clientId(config.staff().clientId())
                    .clientSecret(secret)
                    .build();
        }
        return keycloak;
    }

    private String realmUrl() {
        return quarkusConfig.getValue("quarkus.oidc.auth-server-url", String.class);
    }

    private String realm() {
        String url = realmUrl();
        String realm = url.substring(url.indexOf("/realms/") + "/realms/".length());
        return realm.endsWith("/") ? realm.substring(0, realm.length() - 1) : realm;
    }

    synchronized void close(@Observes ShutdownEvent stop) {
        if (keycloak != null) {
            keycloak.close();
            keycloak = null;
        }
    }
}
