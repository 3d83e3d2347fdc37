package org.gdprsuite.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a batch leaves behind when each item replaces the current one of its key unless that one is newer
 * ({@code ON CONFLICT ... DO UPDATE ... WHERE current.version <= EXCLUDED.version}) applied one by one: per key,
 * the newest item, the later one in order on a tie. An upsert of many rows needs this reduction first, as
 * PostgreSQL refuses to update one row twice in a statement.
 */
public final class NewestPerKey {

    private NewestPerKey() {}

    /** Per key, the item of greatest version (the later one on a tie), keys in order of first appearance. */
    public static <T, K, V extends Comparable<? super V>> List<T> of(
            List<T> items, Function<? super T, K> key, Function<? super T, V> version) {
        Map<K, T> newest = new LinkedHashMap<>();
        for (T item : items) {
            newest.merge(
                    key.apply(item),
                    item,
                    (current, next) -> version.apply(next).compareTo(version.apply(current)) < 0 ? current : next);
        }
        return new ArrayList<>(newest.values());
    }
}
