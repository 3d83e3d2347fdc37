package org.gdprsuite.contact.api;

import org.gdprsuite.contact.domain.InvalidFields;
import org.gdprsuite.runtime.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.core.Response;

/** Invalid or unknown person fields: 400 with each field and what it expects, never the value given. */
public class ContactProblems {

    @ServerExceptionMapper
    public Response invalidFields(InvalidFields e) {
        return new Problem("about:blank", "Bad Request", 400, "Some fields are not valid.",
                e.errors().entrySet().stream().map(err -> new Problem.Violation(err.getKey(), err.getValue())).toList())
                .toResponse();
    }
}
