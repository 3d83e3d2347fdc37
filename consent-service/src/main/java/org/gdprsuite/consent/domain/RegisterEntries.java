package org.gdprsuite.consent.domain;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the DPO writes into the record of processing activities (Art. 30(1)), as versions store it. */
public final class RegisterEntries {

    private RegisterEntries() {}

    /** A person to contact: the controller's representative or its data protection officer. */
    public record Contact(
            @NotBlank @Size(max = 300) String name,
            @Email @Size(max = 320) String email,
            @Size(max = 50) String phone) {}

    /** Art. 30(1)(a): the controller, its representative and its data protection officer. */
    public record Controller(
            @NotBlank @Size(max = 300) String name,
            @Size(max = 1000) String address,
            @Email @Size(max = 320) String email,
            @Size(max = 50) String phone,
            @Valid Contact representative,
            @NotNull @Valid Contact dpo) {}

    /** A category of personal data, in a class of the field catalogue, with the catalogue's fields it covers. */
    public record DataCategory(
            @NotBlank @Size(max = 200) String name,
            @NotNull DataClass classification,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> fields) {}

    /** Art. 30(1)(d): who the data is disclosed to (a free list until the recipients register exists). */
    public record Recipient(
            @NotBlank @Size(max = 300) String name,
            @Size(max = 100) String role,

            @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166 country code")
            String country) {}

    /** Art. 30(1)(e): a transfer to a third country or international organisation, with its safeguard. */
    public record Transfer(
            @NotBlank @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166 country code")
            String country,

            @NotBlank @Size(max = 300) String recipient,
            @NotBlank @Size(max = 500) String safeguard) {}

    /**
     * Art. 30(1)(c)-(g) for one purpose; its name, description, legal basis and retention period are the catalogue's
     * (not typed twice).
     */
    public record Activity(
            @Size(max = 50) List<@NotBlank @Size(max = 200) String> dataSubjectCategories,
            @Size(max = 50) List<@NotNull @Valid DataCategory> personalDataCategories,
            @Size(max = 100) List<@NotNull @Valid Recipient> recipients,
            @Size(max = 50) List<@NotNull @Valid Transfer> transfers,
            @Size(max = 50) List<@NotBlank @Size(max = 500) String> securityMeasures,
            @Size(max = 4000) String notes) {

        public Activity {
            dataSubjectCategories = dataSubjectCategories == null ? List.of() : dataSubjectCategories;
            personalDataCategories = personalDataCategories == null ? List.of() : personalDataCategories;
            recipients = recipients == null ? List.of() : recipients;
            transfers = transfers == null ? List.of() : transfers;
            securityMeasures = securityMeasures == null ? List.of() : securityMeasures;
        }

        /** A purpose no one has described yet. */
        public static Activity empty() {
            return new Activity(null, null, null, null, null, null);
        }
    }
}
