package org.gdprsuite.gateway.domain;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Who read a person's record, from the access log, as the person's access export shows it (Art. 15(1)(c)): the
 * reader's role (from the staff directory), the client and the part of the suite read, never the staff member's
 * name (their own personal data).
 */
@ApplicationScoped
public class PersonReads {

    /** One read: {@code role} is the staff role, else the client ("client crm-sync"), else "staff". */
    public record Read(String at, String role, String client, String method, String area, int status) {}

    /** Reads of the persons' records, oldest first. */
    private static final String READS = """
            SELECT a.at, s.role, a.client_id, a.method, a.path, a.status FROM access_log a
            LEFT JOIN staff_user s ON s.username = a.principal
            WHERE a.person_id = ANY (CAST(?1 AS uuid[])) ORDER BY a.at, a.id
            """;

    @Inject
    EntityManager em;

    public List<Read> of(List<UUID> persons) {
        if (persons.isEmpty()) {
            return List.of();
        }
        String ids = "{" + String.join(",", persons.stream().map(UUID::toString).toList()) + "}";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(READS).setParameter(1, ids).getResultList();
        return rows.stream().map(PersonReads::read).toList();
    }

    private static Read read(Object[] row) {
        String client = (String) row[2];
        String role = row[1] != null ? (String) row[1] : client != null ? "client " + client : "staff";
        return new Read(
                instant(row[0]), role, client, (String) row[3], area((String) row[4]), ((Number) row[5]).intValue());
    }

    /** The driver's timestamp, whichever type Hibernate hands it as. */
    private static String instant(Object at) {
        if (at instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        return at instanceof OffsetDateTime t ? t.toInstant().toString() : at.toString();
    }

    /** The part of the suite a path reads: {@code /api/contacts/...} is {@code contacts}. */
    static String area(String path) {
        String[] parts = path.split("/");
        return parts.length > 2 && "api".equals(parts[1]) ? parts[2] : "other";
    }
}
