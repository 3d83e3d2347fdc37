package org.gdprsuite.erasure.domain;

import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.runtime.web.Results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The SQL of dsr_audit: every transition and decision of a request, appended in one statement however many. */
@ApplicationScoped
public class AuditTrail {

    /** The orchestrator itself, as the actor of what it does on its own. */
    public static final String ORCHESTRATOR = "erasure-service";

    @Inject
    Sql sql;

    @Inject
    Clock clock;

    public void record(UUID request, String actor, String action, String detail) {
        record(List.of(request), actor, action, detail);
    }

    /** The same line for each of these requests. */
    public void record(Collection<UUID> requests, String actor, String action, String detail) {
        recordEach(List.copyOf(requests), actor, action, Collections.nCopies(requests.size(), detail));
    }

    /** One line per request, the detail of each at the same position. */
    public void recordEach(List<UUID> requests, String actor, String action, List<String> details) {
        if (requests.isEmpty()) {
            return;
        }
        sql.update("""
                INSERT INTO dsr_audit (request_id, at, actor, action, detail)
                SELECT r, ?, ?, ?, d FROM unnest(?::uuid[], ?::text[]) AS t (r, d)
                """, clock.instant(), actor, action, requests, details);
    }

    /** A request's trail in the order it was written. */
    public Results<AuditLine> of(UUID request, int page, int size) {
        long total = sql.one("SELECT count(*) FROM dsr_audit WHERE request_id = ?", rs -> rs.getLong(1), request)
                .orElse(0L);
        List<AuditLine> lines = sql.list(
                """
                SELECT request_id, at, actor, action, detail FROM dsr_audit WHERE request_id = ? ORDER BY id LIMIT ? OFFSET ?
                """,
                rs -> new AuditLine(
                        Sql.uuid(rs, "request_id"),
                        Sql.instant(rs, "at"),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("detail")),
                request,
                size,
                Results.offset(page, size));
        return new Results<>(lines, page, size, total);
    }
}
