package org.gdprsuite.erasure.domain;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The SQL of dsr_correction: what a rectification request from the privacy centre sets. */
@ApplicationScoped
public class CorrectionStore {

    @Inject
    Sql sql;

    /** {@code field}: contact-service's name of the field. */
    public void insert(UUID requestId, String field, String value) {
        sql.update("INSERT INTO dsr_correction (request_id, field, value) VALUES (?, ?, ?)", requestId, field, value);
    }

    /** The request's correction as contact-service's field name → new value; empty if it names none. */
    public Optional<Map<String, String>> find(UUID requestId) {
        return sql.one(
                "SELECT field, value FROM dsr_correction WHERE request_id = ?",
                rs -> Map.of(rs.getString("field"), rs.getString("value")),
                requestId);
    }
}
