package org.gdprsuite.runtime.web;

import java.util.List;

/**
 * One page of a list: the suite's single pagination style ({@code ?page=0&size=50}, zero-based), answered
 * with the total so that a front-end can draw its pager. Lists are filtered and paged in SQL, never in memory.
 */
public record Results<T>(List<T> items, int page, int size, long total) {

    /** The offset of the first row of {@code page} for a page {@code size}. */
    public static long offset(int page, int size) {
        return (long) page * size;
    }
}
