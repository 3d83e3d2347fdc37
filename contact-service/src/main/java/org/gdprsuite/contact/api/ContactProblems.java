package org.gdprsuite.contact.api;

import org.gdprsuite.contact.domain.CsvRows;
import org.gdprsuite.contact.domain.FieldNotWritable;
import org.gdprsuite.contact.domain.InvalidFields;
import org.gdprsuite.contact.domain.UploadTooLarge;
import org.gdprsuite.runtime.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/**
 * contact-service's refusals that carry more than a slug (the library's ProblemMappers answers the rest):
 * each field or import line with what it expects, never the value given.
 */
public class ContactProblems {

    /** Invalid or unknown person fields: 400. */
    @ServerExceptionMapper
    public Response invalidFields(InvalidFields e) {
        return new Problem(
                        "about:blank",
                        "Bad Request",
                        400,
                        "Some fields are not valid.",
                        e.errors().entrySet().stream()
                                .map(err -> new Problem.Violation(err.getKey(), err.getValue()))
                                .toList())
                .toResponse();
    }

    /** A CSV import with bad rows: 422 with every line and field at fault. */
    @ServerExceptionMapper
    public Response rejectedImport(CsvRows.Rejected e) {
        return new Problem(
                        "about:blank",
                        "Unprocessable Content",
                        422,
                        "The import was rejected; nothing was imported.",
                        e.errors().stream()
                                .map(err -> new Problem.Violation(
                                        "line " + err.line() + (err.field() == null ? "" : " " + err.field()),
                                        err.reason()))
                                .toList())
                .toResponse();
    }

    /** An upload over the size or row limit: 413, nothing stored. */
    @ServerExceptionMapper
    public Response tooLarge(UploadTooLarge e) {
        return Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage()).toResponse();
    }

    /** A field of a classification the caller's role may not see: 403 naming the classification. */
    @ServerExceptionMapper
    public Response notWritable(FieldNotWritable e) {
        return Problem.of(Status.FORBIDDEN, e.getMessage()).toResponse();
    }
}
