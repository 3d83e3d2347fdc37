package org.gdprsuite.consent.domain;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A recipient of personal data as the DPO registers it (Art. 28, 30(1)(d)): its role, the data processing agreement
 * (processors), its country, the purposes it receives data for, and the endpoint told of erasures, restrictions and
 * rectifications (Art. 19). The signing key of that endpoint is not part of it (made by the suite, shown once).
 */
public record RecipientEntry(
        @NotBlank @Size(max = 300) String name,
        @NotNull Role role,
        @Size(max = 200) String dpaReference,
        LocalDate dpaDate,

        @NotBlank @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166 country code")
        String country,

        @Size(max = 100) List<@NotBlank @Size(max = 100) String> purposes,

        @Size(max = 2000) @Pattern(regexp = "^https?://[^\\s]+$", message = "must be an http(s) URL")
        String webhookUrl,

        @Size(max = 4000) String notes) {

    /** Art. 4(9), 4(10), 26, 28: how the recipient stands to the controller. */
    public enum Role {
        PROCESSOR,
        JOINT_CONTROLLER,
        THIRD_PARTY
    }

    public RecipientEntry {
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
    }
}
