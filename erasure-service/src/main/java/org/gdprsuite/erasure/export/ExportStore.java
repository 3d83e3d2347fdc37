package org.gdprsuite.erasure.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.erasure.domain.Sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The SQL of dsr_export: an access or portability request's bundle, downloadable once, purged after its link. */
@ApplicationScoped
public class ExportStore {

    @Inject
    Sql sql;

    @Inject
    ObjectMapper json;

    public void insert(UUID requestId, JsonNode bundle, Instant readyAt) {
        sql.update(
                "INSERT INTO dsr_export (request_id, bundle, ready_at) VALUES (?, ?::jsonb, ?)",
                requestId,
                bundle,
                readyAt);
    }

    public Optional<JsonNode> find(UUID requestId) {
        return sql.one(
                "SELECT CAST(bundle AS text) FROM dsr_export WHERE request_id = ?",
                rs -> parse(rs.getString(1)),
                requestId);
    }

    /** Whether the bundle is there and not downloaded yet; reads only, so looking does not spend it. */
    public boolean waiting(UUID requestId) {
        return sql.one("SELECT 1 FROM dsr_export WHERE request_id = ? AND downloaded_at IS NULL", rs -> true, requestId)
                .orElse(false);
    }

    /**
     * The bundle, marked downloaded in the same statement, so of two concurrent takers exactly one gets it; empty if
     * there is none or it was downloaded (or handed over) already.
     */
    public Optional<JsonNode> takeForDownload(UUID requestId, Instant at) {
        return sql.one("""
                UPDATE dsr_export SET downloaded_at = ? WHERE request_id = ? AND downloaded_at IS NULL
                RETURNING CAST(bundle AS text)
                """, rs -> parse(rs.getString(1)), at, requestId);
    }

    /** Deletes the bundles ready before {@code before}; returns their requests. */
    public List<UUID> purgeReadyBefore(Instant before) {
        return sql.list(
                "DELETE FROM dsr_export WHERE ready_at < ? RETURNING request_id",
                rs -> Sql.uuid(rs, "request_id"),
                before);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored export is not JSON", e);
        }
    }
}
