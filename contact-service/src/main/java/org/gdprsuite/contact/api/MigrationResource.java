package org.gdprsuite.contact.api;

import java.io.StringReader;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.contact.domain.CsvImport;
import org.gdprsuite.contact.domain.InvalidFields;
import org.gdprsuite.contact.domain.Person;
import org.gdprsuite.contact.domain.PersonField;
import org.gdprsuite.contact.domain.Persons;
import org.gdprsuite.runtime.problem.Problem;
import org.gdprsuite.runtime.security.Roles;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** Bringing an existing base into compliance: CSV import, bulk updates and the compliance report. */
@Path("/api/contacts")
public class MigrationResource {

    private static final int BATCH = 500;

    @Inject
    CsvImport csvImport;

    @Inject
    Persons persons;

    @Inject
    SecurityIdentity identity;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    public record Imported(int imported) {
    }

    public record Filter(Person.Category category, @Size(max = 200) String owner, UUID organisationId) {
    }

    /** {@code set}: field → new value (null clears); {@code dryRun}: only count the persons it would change. */
    public record BulkUpdate(@NotNull @Valid Filter filter, @NotNull JsonNode set, boolean dryRun) {
    }

    public record BulkResult(long matched, int updated, int batches, boolean dryRun) {
    }

    public record ComplianceReport(long persons, long withoutLegalBasis, long stale, int staleMonths, long restricted,
            long anonymized, Map<String, Long> uncataloguedFields) {
    }

    @POST
    @Path("/imports")
    @Consumes("text/csv")
    @RolesAllowed({ Roles.SALES, Roles.DPO, Roles.ADMIN })
    public Response importCsv(@QueryParam("source") @NotBlank @Size(max = 200) String source,
            @QueryParam("purpose") @Pattern(regexp = "^[a-z0-9][a-z0-9._-]{0,99}$") String purpose,
            @QueryParam("legalBasis") @Pattern(regexp = "^(CONSENT|CONTRACT|LEGAL_OBLIGATION|VITAL_INTERESTS|PUBLIC_TASK|LEGITIMATE_INTERESTS)$") String legalBasis,
            String csv) {
        if ((purpose == null) != (legalBasis == null)) {
            throw new BadRequestException("Give both purpose and legalBasis, or neither.");
        }
        int imported = csvImport.run(new StringReader(csv == null ? "" : csv), source,
                purpose == null ? null : new CsvImport.Basis(purpose, legalBasis), identity.getRoles(), actor());
        return Response.status(Response.Status.CREATED).entity(new Imported(imported)).build();
    }

    /** Sets or clears fields of every matching person (restricted and anonymized persons are left alone), in batches. */
    @POST
    @Path("/bulk-updates")
    @RolesAllowed({ Roles.SALES, Roles.DPO, Roles.ADMIN })
    public BulkResult bulkUpdate(@NotNull @Valid BulkUpdate request) {
        Map<PersonField, Object> values = values(request.set());
        List<UUID> ids = matching(request.filter());
        if (request.dryRun()) {
            return new BulkResult(ids.size(), 0, 0, true);
        }
        int updated = 0;
        int batches = 0;
        for (int from = 0; from < ids.size(); from += BATCH) {
            updated += persons.updateAll(ids.subList(from, Math.min(ids.size(), from + BATCH)), values, actor());
            batches++;
        }
        return new BulkResult(ids.size(), updated, batches, false);
    }

    @GET
    @Path("/compliance-report")
    @RolesAllowed({ Roles.DPO, Roles.ADMIN })
    public ComplianceReport complianceReport(@QueryParam("staleMonths") @DefaultValue("24") @Min(1) @Max(600) int staleMonths) {
        var staleBefore = clock.instant().atZone(ZoneOffset.UTC).minusMonths(staleMonths).toInstant();
        Object[] counts = (Object[]) em.createNativeQuery("""
                SELECT count(*) FILTER (WHERE anonymized_at IS NULL),
                       count(*) FILTER (WHERE anonymized_at IS NULL AND NOT EXISTS
                           (SELECT 1 FROM person_legal_basis b WHERE b.person_id = p.id AND b.allowed)),
                       count(*) FILTER (WHERE anonymized_at IS NULL AND coalesce(last_activity_at, created_at) < ?1),
                       count(*) FILTER (WHERE anonymized_at IS NULL AND restricted),
                       count(*) FILTER (WHERE anonymized_at IS NOT NULL)
                FROM person p
                """).setParameter(1, staleBefore).getSingleResult();
        Map<String, Long> uncatalogued = new LinkedHashMap<>();
        for (Object row : em.createNativeQuery("""
                SELECT k, count(*) FROM person, jsonb_object_keys(custom_fields) AS k
                WHERE anonymized_at IS NULL GROUP BY k ORDER BY k
                """).getResultList()) {
            Object[] cells = (Object[]) row;
            uncatalogued.put((String) cells[0], ((Number) cells[1]).longValue());
        }
        return new ComplianceReport(n(counts[0]), n(counts[1]), n(counts[2]), staleMonths, n(counts[3]), n(counts[4]),
                uncatalogued);
    }

    @ServerExceptionMapper
    public Response rejected(CsvImport.Rejected e) {
        return new Problem("about:blank", "Unprocessable Content", 422, "The import was rejected; nothing was imported.",
                e.errors().stream().map(err -> new Problem.Violation("line " + err.line()
                        + (err.field() == null ? "" : " " + err.field()), err.reason())).toList()).toResponse();
    }

    private Map<PersonField, Object> values(JsonNode set) {
        if (!set.isObject() || set.isEmpty()) {
            throw new InvalidFields(Map.of("set", "must name at least one field"));
        }
        Map<PersonField, Object> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        set.fields().forEachRemaining(entry -> {
            PersonField field = PersonField.byJson(entry.getKey()).orElse(null);
            if (field == null) {
                errors.put(entry.getKey(), "is not a field of a person");
                return;
            }
            if (!field.visibleTo(identity.getRoles())) {
                throw new ForbiddenException("Your role may not write " + field.classification() + " fields.");
            }
            try {
                values.put(field, field.value().read(entry.getValue()));
            } catch (org.gdprsuite.contact.domain.FieldValue.InvalidValue ex) {
                errors.put(entry.getKey(), ex.getMessage());
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        return values;
    }

    private static List<UUID> matching(Filter filter) {
        StringBuilder where = new StringBuilder("anonymizedAt is null and restricted = false");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.category() != null) {
            where.append(" and category = :category");
            params.put("category", filter.category());
        }
        if (filter.owner() != null) {
            where.append(" and owner = :owner");
            params.put("owner", filter.owner());
        }
        if (filter.organisationId() != null) {
            where.append(" and organisationId = :organisation");
            params.put("organisation", filter.organisationId());
        }
        return Person.<Person> find(where + " order by id", params).project(IdOnly.class).list().stream()
                .map(IdOnly::id).toList();
    }

    /** Projection of the ids only. */
    public record IdOnly(UUID id) {
    }

    private static long n(Object count) {
        return ((Number) count).longValue();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
