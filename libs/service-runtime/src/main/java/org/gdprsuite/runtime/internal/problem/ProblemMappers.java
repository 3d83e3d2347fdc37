package org.gdprsuite.runtime.internal.problem;

import java.sql.SQLException;
import java.util.List;

import org.gdprsuite.runtime.internal.db.DatabaseOutage;
import org.gdprsuite.runtime.links.InvalidLinkException;
import org.gdprsuite.runtime.problem.DomainProblem;
import org.gdprsuite.runtime.problem.Problem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/** Turns every error of a REST call into an {@code application/problem+json} response. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = status.getFamily() == Response.Status.Family.SERVER_ERROR ? null : e.getMessage();
        Response.ResponseBuilder problem =
                Response.fromResponse(Problem.of(status, detail).toResponse());
        // Headers of the original answer stay (Retry-After of a 429, Allow of a 405, ETag of a 412 ...).
        e.getResponse().getStringHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                values.forEach(value -> problem.header(name, value));
            }
        });
        return problem.build();
    }

    /** Bean Validation of a request (Quarkus throws its own subtype, which would otherwise get plain JSON). */
    @ServerExceptionMapper({ConstraintViolationException.class, ResteasyReactiveViolationException.class})
    public Response invalid(ConstraintViolationException e) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        return new Problem(
                        "about:blank",
                        Status.BAD_REQUEST.getReasonPhrase(),
                        400,
                        "The request is not valid.",
                        violations)
                .toResponse();
    }

    /** Malformed JSON or a value of the wrong type; the parser's message may quote the input, so it is not echoed. */
    @ServerExceptionMapper({JacksonException.class, MismatchedInputException.class, JsonParseException.class})
    public Response unreadable(JacksonException e) {
        return Problem.of(Status.BAD_REQUEST, "The request body is not valid JSON for this resource.")
                .toResponse();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return Response.fromResponse(Problem.of(Status.UNAUTHORIZED, "A valid bearer token is required.")
                        .toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    /**
     * A public link that is tampered with, of another scope or expired: one answer for every reason. Logged (never
     * the link) so that an operator sees forgery attempts, each under its request id.
     */
    @ServerExceptionMapper
    public Response invalidLink(InvalidLinkException e) {
        LOG.info("Refused an invalid, expired or tampered public link");
        return Problem.of(Status.FORBIDDEN, e.getMessage()).toResponse();
    }

    /** A rule of the domain refused the request: its kind gives the status, its slug the problem type. */
    @ServerExceptionMapper
    public Response domain(DomainProblem e) {
        return new Problem(e.typeUri(), e.kind().title, e.kind().status, e.getMessage(), List.of()).toResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(Status.FORBIDDEN, "Your role does not allow this.").toResponse();
    }

    /**
     * Anything unexpected is our bug, not the caller's: log it, answer without internals. Except two
     * writers changing one record at the same moment (detected when the transaction commits, so the
     * optimistic-lock failure arrives wrapped): nothing was changed, the caller may read again and retry;
     * a value the database refuses as data (found at flush or commit, wrapped as well); and the database
     * being unreachable for a moment (restart, failover): 503, try again shortly.
     */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException) {
                return Problem.of(
                                Status.CONFLICT,
                                "The resource was changed by someone else at the same time; "
                                        + "read it again and retry.")
                        .toResponse();
            }
            // SQL class 22, data exception: a value the database cannot store (a NUL character, text too long for
            // its column, a number out of range) is the caller's mistake; the transaction was rolled back.
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("22")) {
                return Problem.of(
                                Status.BAD_REQUEST,
                                "The request holds a value that cannot be stored "
                                        + "(a NUL character, a text too long or a number out of range).")
                        .toResponse();
            }
        }
        if (DatabaseOutage.causedBy(e)) {
            LOG.warnf(
                    "Database unavailable while handling a request: %s",
                    e.getClass().getName());
            Response problem = Problem.of(
                            Status.SERVICE_UNAVAILABLE,
                            "The service cannot reach its database right now; try again shortly.")
                    .toResponse();
            return Response.fromResponse(problem)
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .build();
        }
        LOG.error("Unexpected error while handling a request", e);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, null).toResponse();
    }
}
