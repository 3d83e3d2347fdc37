package org.gdprsuite.gateway.domain;

import java.time.Instant;
import java.util.UUID;

import org.gdprsuite.runtime.web.Results;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads of the access log for the DPO: filtered by person, user and time, newest first, paged in SQL. */
@ApplicationScoped
public class AccessLogQuery {

    /** Each filter is optional; {@code from} inclusive, {@code to} exclusive. */
    public record Filter(UUID personId, String principal, Instant from, Instant to) {}

    public Results<AccessLogEntry> page(Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (filter.personId() != null) {
            where.append(" and personId = :person");
            params.and("person", filter.personId());
        }
        if (filter.principal() != null) {
            where.append(" and principal = :principal");
            params.and("principal", filter.principal());
        }
        if (filter.from() != null) {
            where.append(" and at >= :from");
            params.and("from", filter.from());
        }
        if (filter.to() != null) {
            where.append(" and at < :to");
            params.and("to", filter.to());
        }
        var query = AccessLogEntry.<AccessLogEntry>find(where.toString(), Sort.descending("at", "id"), params);
        return new Results<>(query.page(Page.of(page, size)).list(), page, size, query.count());
    }
}
