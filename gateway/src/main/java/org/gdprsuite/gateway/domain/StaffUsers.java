package org.gdprsuite.gateway.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.gdprsuite.gateway.config.GatewayConfig;
import org.gdprsuite.gateway.domain.StaffEvent.Action;
import org.gdprsuite.runtime.problem.DomainProblem;
import org.gdprsuite.runtime.web.Results;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The rules of staff users: created by an admin only with the person's consent confirmed (Art. 7), with the
 * fields the suite needs and nothing more (Art. 5(1)(c)); a first-login password that expires unused; roles
 * changed by admins; terminated by themselves or an admin, keeping name, id and last role for the audit
 * (Art. 17(3)(e)) and nothing else. No operation changes another user's name or email.
 */
@ApplicationScoped
public class StaffUsers {

    private static final String ADMIN = "admin";
    private static final String DPO = "dpo";

    @Inject
    StaffAccounts accounts;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    /** What an admin asks for; {@code consentConfirmed}: the person gave active consent to the use of their data. */
    public record NewStaffUser(
            String firstName, String lastName, String email, String role, Boolean consentConfirmed) {}

    /** A user with the temporary password to hand over once (it is not kept) and until when it is valid. */
    public record WithPassword(StaffUser user, String temporaryPassword, Instant validUntil) {}

    /** One's own account: what Keycloak holds (the email while active) and the suite's record of it, if any. */
    public record Profile(StaffAccounts.Account account, String role, StaffUser record) {}

    @Transactional
    public WithPassword create(NewStaffUser request, String admin) {
        if (!Boolean.TRUE.equals(request.consentConfirmed())) {
            throw DomainProblem.unprocessable(
                    "staff-consent-missing",
                    "Confirm that the person gave active consent to the use of their personal data (consentConfirmed).");
        }
        String role = staffRole(request.role());
        String password = TemporaryCredentials.password();
        String username = TemporaryCredentials.username();
        UUID id = accounts.create(new StaffAccounts.NewAccount(
                username,
                request.firstName().strip(),
                request.lastName().strip(),
                request.email().strip(),
                role,
                password,
                secondFactor(role)));
        Instant now = clock.instant();
        StaffUser user = new StaffUser();
        user.id = id;
        user.username = username;
        user.firstName = request.firstName().strip();
        user.lastName = request.lastName().strip();
        user.role = role;
        user.createdAt = now;
        user.consentConfirmedBy = admin;
        user.consentConfirmedAt = now;
        user.temporaryPasswordUntil = now.plus(config.staff().temporaryPasswordLifespan());
        try {
            user.persistAndFlush();
            StaffEvent.record(user, Action.CREATED, admin, now);
        } catch (RuntimeException notStored) {
            // Without its consent record the account must not exist.
            accounts.remove(id);
            throw notStored;
        }
        return new WithPassword(user, password, user.temporaryPasswordUntil);
    }

    @Transactional
    public StaffUser changeRole(UUID id, String role, String admin) {
        String to = staffRole(role);
        StaffUser user = active(id);
        accounts.changeRole(id, user.role, to);
        user.role = to;
        StaffEvent.record(user, Action.ROLE_CHANGED, admin, clock.instant());
        return user;
    }

    /** A new first-login password, e.g. once the first one expired unused. */
    @Transactional
    public WithPassword issueTemporaryPassword(UUID id, String admin) {
        StaffUser user = active(id);
        String password = TemporaryCredentials.password();
        accounts.issueTemporaryPassword(id, password);
        Instant now = clock.instant();
        user.temporaryPasswordUntil = now.plus(config.staff().temporaryPasswordLifespan());
        StaffEvent.record(user, Action.TEMPORARY_PASSWORD_ISSUED, admin, now);
        return new WithPassword(user, password, user.temporaryPasswordUntil);
    }

    /**
     * Ends a user's access: the record (name, id, last role, when, by whom) is written first, then Keycloak
     * disables the account, deletes its email and revokes its sessions; if Keycloak fails, nothing is recorded.
     */
    @Transactional
    public StaffUser terminate(UUID id, String actor) {
        StaffUser user = active(id);
        Instant now = clock.instant();
        user.terminatedAt = now;
        user.terminatedBy = actor;
        user.temporaryPasswordUntil = null;
        user.newsletter = false;
        user.persistAndFlush();
        StaffEvent.record(user, Action.TERMINATED, actor, now);
        accounts.terminate(id);
        return user;
    }

    /** One's own opt-in to the staff newsletter, or its end; each change kept in the user's history. */
    @Transactional
    public StaffUser setNewsletter(UUID id, boolean subscribed, String actor) {
        StaffUser user = active(id);
        if (user.newsletter != subscribed) {
            user.newsletter = subscribed;
            user.persist();
            StaffEvent.record(
                    user,
                    subscribed ? Action.NEWSLETTER_SUBSCRIBED : Action.NEWSLETTER_UNSUBSCRIBED,
                    actor,
                    clock.instant());
        }
        return user;
    }

    /** Ending one's own access cannot be undone: it takes an explicit confirmation. */
    @Transactional
    public StaffUser terminateSelf(UUID id, String actor, Boolean confirmed) {
        if (!Boolean.TRUE.equals(confirmed)) {
            throw DomainProblem.unprocessable(
                    "staff-termination-unconfirmed",
                    "Ending your own access cannot be undone; confirm it with confirmed: true.");
        }
        return terminate(id, actor);
    }

    public Profile profile(UUID id) {
        StaffAccounts.Account account = accounts.account(id);
        return new Profile(account, roleOf(account), StaffUser.findById(id));
    }

    /**
     * A staff user by id, terminated or not: the suite's record, or for an account it has no record of yet
     * (imported with the realm) what Keycloak says, without the email.
     */
    public StaffUser lookup(UUID id) {
        StaffUser user = StaffUser.findById(id);
        return user != null ? user : fromAccount(accounts.account(id));
    }

    /**
     * The staff user a record of the suite names by username (the ledger's {@code recordedBy}, an audit trail's
     * actor, the access log's principal), terminated or not; empty for a name that is no staff user's.
     */
    public Optional<StaffUser> byUsername(String username) {
        Optional<StaffUser> kept =
                StaffUser.<StaffUser>find("username", username).firstResultOptional();
        if (kept.isPresent()) {
            return kept;
        }
        return accounts.idOf(username)
                .map(accounts::account)
                .filter(a -> roleOf(a) != null)
                .map(this::fromAccount);
    }

    public Results<StaffUser> page(int page, int size) {
        var query = StaffUser.<StaffUser>findAll(Sort.by("lastName", "firstName", "id"));
        return new Results<>(query.page(Page.of(page, size)).list(), page, size, query.count());
    }

    /** Username → "first last" of the given usernames the directory knows (terminated ones included). */
    public Map<String, String> namesOf(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Map.of();
        }
        return StaffUser.<StaffUser>list("username in ?1", usernames).stream()
                .collect(Collectors.toMap(u -> u.username, u -> u.firstName + " " + u.lastName));
    }

    /**
     * Removes the temporary password of users who did not sign in before it expired (at most {@code max} per
     * run); an admin can issue a new one. Returns how many were removed.
     */
    @Transactional
    public int expireUnusedTemporaryPasswords(Instant now, int max) {
        List<StaffUser> due = StaffUser.<StaffUser>find(
                        "temporaryPasswordUntil < ?1 and terminatedAt is null", Sort.by("temporaryPasswordUntil"), now)
                .page(0, max)
                .list();
        int removed = 0;
        for (StaffUser user : due) {
            if (accounts.expireTemporaryPassword(user.id)) {
                StaffEvent.record(user, Action.TEMPORARY_PASSWORD_EXPIRED, "system", now);
                removed++;
            }
            user.temporaryPasswordUntil = null;
        }
        return removed;
    }

    /** The suite's record of an active staff user, made from Keycloak's account if it has none yet. */
    private StaffUser active(UUID id) {
        StaffUser user = StaffUser.findById(id);
        if (user == null) {
            user = fromAccount(accounts.account(id));
            user.persist();
        }
        if (user.terminated()) {
            throw DomainProblem.conflict("staff-user-terminated", "This staff user's access has ended already.");
        }
        return user;
    }

    private StaffUser fromAccount(StaffAccounts.Account account) {
        String role = roleOf(account);
        if (role == null) {
            throw DomainProblem.notFound("staff-user-not-found", "There is no such staff user.");
        }
        StaffUser user = new StaffUser();
        user.id = account.id();
        user.username = account.username();
        user.firstName = account.firstName() == null ? "" : account.firstName();
        user.lastName = account.lastName() == null ? "" : account.lastName();
        user.role = role;
        user.createdAt = clock.instant();
        return user;
    }

    /** The account's staff role (service accounts have none: they are not staff users). */
    private String roleOf(StaffAccounts.Account account) {
        return config.staff().roles().stream()
                .filter(account.roles()::contains)
                .findFirst()
                .orElse(null);
    }

    private String staffRole(String role) {
        if (role == null || !config.staff().roles().contains(role)) {
            throw DomainProblem.unprocessable(
                    "staff-role-unknown",
                    "The role must be one of "
                            + String.join(", ", config.staff().roles()) + ".");
        }
        return role;
    }

    /** The realm asks dpo and admin for a second factor: a new one sets it up at the first login. */
    private static boolean secondFactor(String role) {
        return ADMIN.equals(role) || DPO.equals(role);
    }
}
