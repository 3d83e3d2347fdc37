package org.gdprsuite.erasure.domain;

import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.events.payload.ObjectionChanged.Scope;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The SQL of dsr_objection: what an objection request objects to. */
@ApplicationScoped
public class ObjectionStore {

    @Inject
    Sql sql;

    public void insert(UUID requestId, Objection objection) {
        sql.update(
                "INSERT INTO dsr_objection (request_id, scope, purposes) VALUES (?, ?, ?::text[])",
                requestId,
                objection.scope(),
                objection.purposes());
    }

    /** What the request objects to; empty if it named nothing. */
    public Optional<Objection> find(UUID requestId) {
        return sql.one(
                "SELECT scope, purposes FROM dsr_objection WHERE request_id = ?",
                rs -> new Objection(Scope.valueOf(rs.getString("scope")), Sql.texts(rs, "purposes")),
                requestId);
    }
}
