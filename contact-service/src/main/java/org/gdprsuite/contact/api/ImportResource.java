package org.gdprsuite.contact.api;

import java.io.StringReader;

import org.gdprsuite.contact.domain.CsvImport;
import org.gdprsuite.runtime.security.Roles;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** Bringing an existing base into compliance: the CSV import of its contacts, all rows or none. */
@Path("/api/contacts/imports")
public class ImportResource {

    @Inject
    CsvImport csvImport;

    @Inject
    SecurityIdentity identity;

    public record Imported(int imported) {}

    /** {@code source}: where the data came from; {@code purpose} and {@code legalBasis}: recorded for every person. */
    @POST
    @Consumes("text/csv")
    @RolesAllowed({Roles.SALES, Roles.DPO, Roles.ADMIN})
    public Response importCsv(
            @QueryParam("source") @NotBlank @Size(max = 200) String source,
            @QueryParam("purpose") @Pattern(regexp = "^[a-z0-9][a-z0-9._-]{0,99}$") String purpose,
            @QueryParam("legalBasis")
                    @Pattern(
                            regexp =
                                    "^(CONSENT|CONTRACT|LEGAL_OBLIGATION|VITAL_INTERESTS|PUBLIC_TASK|LEGITIMATE_INTERESTS)$")
                    String legalBasis,
            String csv) {
        if ((purpose == null) != (legalBasis == null)) {
            throw new BadRequestException("Give both purpose and legalBasis, or neither.");
        }
        int imported = csvImport.run(
                new StringReader(csv == null ? "" : csv),
                source,
                purpose == null ? null : new CsvImport.Basis(purpose, legalBasis),
                identity.getRoles(),
                identity.getPrincipal().getName());
        return Response.status(Response.Status.CREATED)
                .entity(new Imported(imported))
                .build();
    }
}
