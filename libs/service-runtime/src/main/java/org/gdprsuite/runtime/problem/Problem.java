package org.gdprsuite.runtime.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail. The detail never echoes submitted values, so no personal data
 * leaks back through an error.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type, String title, int status, String detail, List<Violation> violations, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Typed problems ({@link DomainProblem}) are {@code TYPE_BASE + slug}; the others are {@code about:blank}. */
    public static final String TYPE_BASE = "https://gdpr-suite.org/problems/";

    public Problem(String type, String title, int status, String detail, List<Violation> violations) {
        this(type, title, status, detail, violations, null);
    }

    /** The same problem, naming the occurrence: {@code urn:gdpr-suite:request:<X-Request-Id>}. */
    public Problem withInstance(String requestId) {
        return new Problem(type, title, status, detail, violations, "urn:gdpr-suite:request:" + requestId);
    }

    /** One invalid field: where it is and what is wrong, without the value. */
    public record Violation(String field, String message) {}

    public static Problem of(Response.StatusType status, String detail) {
        return new Problem("about:blank", title(status), status.getStatusCode(), detail, List.of());
    }

    /** The standard title; JAX-RS knows no phrase for some codes the suite uses. */
    private static String title(Response.StatusType status) {
        return switch (status.getStatusCode()) {
            case 422 -> "Unprocessable Content";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            default -> status.getReasonPhrase();
        };
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
