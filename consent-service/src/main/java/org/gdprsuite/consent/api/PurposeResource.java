package org.gdprsuite.consent.api;

import java.util.Arrays;
import java.util.List;

import org.gdprsuite.consent.domain.LegalBasis;
import org.gdprsuite.consent.domain.Purpose;
import org.gdprsuite.consent.domain.Purposes;
import org.gdprsuite.runtime.security.Roles;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** The purposes catalogue and the legal bases of Art. 6(1): readable by every staff role, managed by dpo and admin. */
@Path("/api/consents")
public class PurposeResource {

    static final String KEY = "^[a-z0-9][a-z0-9._-]{0,99}$";

    @Inject
    Purposes purposes;

    /** A purpose as the catalogue shows it: its key and its definition's fields, side by side. */
    public record PurposeView(String key, @JsonUnwrapped Purposes.Definition definition) {
        static PurposeView of(Purpose p) {
            return new PurposeView(p.key, Purposes.Definition.of(p));
        }
    }

    public record PurposeRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 4000) String description,
            @NotNull Boolean consentRequired,
            LegalBasis defaultLegalBasis,

            @Pattern(
                    regexp = "^P(?=\\d)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?$",
                    message = "must be an ISO-8601 period such as P2Y")
            String retentionPeriod,

            @Positive @Max(3650) Integer consentValidityDays,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> dataCategories,
            /** Direct marketing (default false): a global opt-out or an objection to direct marketing denies it. */
            Boolean directMarketing,
            /** The person may give consent themselves on their consent page (default false; needs consentRequired). */
            Boolean selfServiceConsent) {

        Purposes.Definition definition() {
            return new Purposes.Definition(
                    name,
                    description,
                    consentRequired,
                    defaultLegalBasis,
                    retentionPeriod,
                    consentValidityDays,
                    dataCategories,
                    Boolean.TRUE.equals(directMarketing),
                    Boolean.TRUE.equals(selfServiceConsent));
        }

        /** Consent is never a default: it is given by the person, not assumed for them. */
        @AssertTrue(message = "consent cannot be a default legal basis")
        public boolean isDefaultBasisNotConsent() {
            return defaultLegalBasis != LegalBasis.CONSENT;
        }

        /** The person can give only what the purpose asks for: consent, never another basis. */
        @AssertTrue(message = "self-service consent needs a purpose that requires consent")
        public boolean isSelfServiceConsentRequired() {
            return !Boolean.TRUE.equals(selfServiceConsent) || Boolean.TRUE.equals(consentRequired);
        }
    }

    public record LegalBasisView(LegalBasis key, String article, String description) {}

    @GET
    @Path("/purposes")
    @RolesAllowed({Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN})
    public List<PurposeView> list() {
        return purposes.list().stream().map(PurposeView::of).toList();
    }

    @GET
    @Path("/purposes/{key}")
    @RolesAllowed({Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN})
    public PurposeView get(@PathParam("key") String key) {
        return PurposeView.of(purposes.get(key));
    }

    /** Creates or replaces a purpose. */
    @PUT
    @Path("/purposes/{key}")
    @RolesAllowed({Roles.DPO, Roles.ADMIN})
    public PurposeView put(
            @PathParam("key") @Pattern(regexp = KEY, message = "lower-case letters, digits, '.', '_' or '-'")
                    String key,
            @NotNull @Valid PurposeRequest request) {
        return PurposeView.of(purposes.define(key, request.definition()));
    }

    @GET
    @Path("/legal-bases")
    @RolesAllowed({Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN})
    public List<LegalBasisView> legalBases() {
        return Arrays.stream(LegalBasis.values())
                .map(b -> new LegalBasisView(b, b.article(), b.description()))
                .toList();
    }
}
