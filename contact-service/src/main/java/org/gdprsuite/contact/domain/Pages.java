package org.gdprsuite.contact.domain;

import org.gdprsuite.runtime.web.Results;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;

/** A page of a Panache query as the suite's {@link Results}: LIMIT/OFFSET and a count, both in SQL. */
final class Pages {

    private Pages() {}

    static <T> Results<T> of(PanacheQuery<T> query, int page, int size) {
        return new Results<>(query.page(Page.of(page, size)).list(), page, size, query.count());
    }
}
