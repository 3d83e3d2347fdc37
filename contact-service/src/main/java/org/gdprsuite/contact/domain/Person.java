package org.gdprsuite.contact.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/**
 * A person held in the CRM: a data subject of the GDPR. Which fields are personal, sensitive or of a
 * special category, who may see them and how each is erased is said once, in {@link PersonField}.
 */
@Entity
public class Person extends PanacheEntityBase {

    public enum Category {
        CUSTOMER,
        PROSPECT,
        PARTNER,
        SUPPLIER
    }

    @Id
    public UUID id;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    public String email;

    public String phone;

    public String street;

    @Column(name = "postal_code")
    public String postalCode;

    public String city;

    public String country;

    @Column(name = "organisation_id")
    public UUID organisationId;

    @Column(name = "job_title")
    public String jobTitle;

    @Enumerated(EnumType.STRING)
    public Category category = Category.PROSPECT;

    /** The user responsible for the relationship. */
    public String owner;

    /** Free fields a CRM user adds; not in the catalogue, so the compliance report lists them. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "custom_fields")
    public Map<String, String> customFields;

    /** Where the data came from (Art. 14(2)(f)), when and by whom it was collected. */
    public String source;

    @Column(name = "collected_at")
    public Instant collectedAt;

    @Column(name = "collected_by")
    public String collectedBy;

    /*
     * Sensitive and special-category fields hold text sealed with the person's data key (SubjectCipher);
     * PersonField seals and opens them, so the rest of the code sees plain values.
     */
    @Column(name = "national_id")
    public String sealedNationalId;

    @Column(name = "bank_account")
    public String sealedBankAccount;

    @Column(name = "birth_date")
    public String sealedBirthDate;

    /** Health information (Art. 9 special category), e.g. accessibility needs for events. */
    @Column(name = "health_notes")
    public String sealedHealthNotes;

    /** Art. 18: kept, but not processed (no mailings, bulk updates or exports to integrations). */
    public boolean restricted;

    @Column(name = "restricted_at")
    public Instant restrictedAt;

    @Column(name = "anonymized_at")
    public Instant anonymizedAt;

    @Column(name = "retention_requested_at")
    public Instant retentionRequestedAt;

    @Column(name = "last_activity_at")
    public Instant lastActivityAt;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    public boolean anonymized() {
        return anonymizedAt != null;
    }
}
