package org.gdprsuite.contact.api;

import java.util.function.Function;

import org.gdprsuite.runtime.web.Results;

/** A page of domain objects as a page of their views (same page, size and total). */
final class ResultViews {

    private ResultViews() {}

    static <T, V> Results<V> of(Results<T> results, Function<T, V> view) {
        return new Results<>(
                results.items().stream().map(view).toList(), results.page(), results.size(), results.total());
    }
}
