package org.gdprsuite.contact.domain;

import org.gdprsuite.runtime.web.Results;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;

/** A page of a Panache query as the suite's {@link Results}: LIMIT/OFFSET and a count, both in SQL; search patterns. */
final class Pages {

    private Pages() {}

    static <T> Results<T> of(PanacheQuery<T> query, int page, int size) {
        return new Results<>(query.page(Page.of(page, size)).list(), page, size, query.count());
    }

    /** Follows each {@code like} of a {@link #containing} pattern: PostgreSQL has no escape character otherwise. */
    static final String ESCAPE = " escape '!'";

    /** A LIKE pattern for values containing {@code text} (lower-cased, trimmed), its wildcards taken literally. */
    static String containing(String text) {
        String literal =
                text.strip().toLowerCase().replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + literal + "%";
    }
}
