package org.gdprsuite.erasure.domain;

import java.util.List;

import org.gdprsuite.events.payload.ObjectionChanged.Scope;

/**
 * What a request of type OBJECTION objects to (Art. 21): all processing the article reaches, direct marketing, or
 * the named purposes (then {@code purposes} is not empty, else it is).
 */
public record Objection(Scope scope, List<String> purposes) {

    /** An objection that names nothing (e.g. from the portal) is to all processing Art. 21 reaches. */
    public static final Objection ALL = new Objection(Scope.ALL, List.of());

    public Objection {
        purposes = List.copyOf(purposes);
    }
}
