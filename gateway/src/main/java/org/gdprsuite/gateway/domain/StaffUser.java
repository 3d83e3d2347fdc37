package org.gdprsuite.gateway.domain;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A staff user as the suite keeps them for accountability: id, username, name and role, the consent
 * confirmed when they were created, the staff-newsletter opt-in, and, once terminated, when and by whom. The
 * email lives in Keycloak only.
 */
@Entity
@Table(name = "staff_user")
public class StaffUser extends PanacheEntityBase {

    @Id
    public UUID id;

    public String username;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    /** The current role; the last one once terminated. */
    public String role;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The admin who confirmed the person's consent to the use of their data at creation (Art. 7). */
    @Column(name = "consent_confirmed_by")
    public String consentConfirmedBy;

    @Column(name = "consent_confirmed_at")
    public Instant consentConfirmedAt;

    /** Until when the temporary password may be used for the first login; null once used or removed. */
    @Column(name = "temporary_password_until")
    public Instant temporaryPasswordUntil;

    /** Opted in to the staff newsletter; false again once terminated. */
    public boolean newsletter;

    @Column(name = "terminated_at")
    public Instant terminatedAt;

    @Column(name = "terminated_by")
    public String terminatedBy;

    @Version
    public long version;

    public boolean terminated() {
        return terminatedAt != null;
    }
}
