package org.gdprsuite.gateway.api;

import java.util.List;

import org.gdprsuite.gateway.domain.StaffAccountsUnavailable;
import org.gdprsuite.runtime.problem.Problem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/**
 * Every error the gateway answers itself, or passes on bare from a service's HTTP layer, is
 * {@code application/problem+json} naming the request id, like the services' own problems: refusals
 * (401, 403, 429, 503), a body over the size limit (413), an unknown path (404) and a service that is
 * down, cut off or silent (503, 502, 504).
 */
@ApplicationScoped
public class GatewayProblems {

    static final String PROBLEM = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(GatewayProblems.class);

    @Inject
    ObjectMapper json;

    /** Ends the exchange with a problem of {@code status}. */
    public Future<Void> answer(RoutingContext rc, int status, String detail) {
        return rc.response()
                .setStatusCode(status)
                .putHeader("Content-Type", PROBLEM)
                .end(body(status, detail, rc.request().getHeader(ProxyRoutes.REQUEST_ID)));
    }

    /**
     * Refuses a body declared longer than {@code maxBodySize} before it is read, as the HTTP layer would,
     * but as a problem; the connection is closed, since the body may still be on its way.
     */
    public void bodyLimit(RoutingContext rc, long maxBodySize) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null
                && length.chars().allMatch(Character::isDigit)
                && length.length() < 19
                && Long.parseLong(length) > maxBodySize) {
            // Closed once the answer is written, not when it is handed over: a client still reading it (an
            // Expect: 100-continue client waits for it) would otherwise see the connection end first.
            rc.response().putHeader("Connection", "close");
            answer(rc, 413, "The request body is larger than the gateway accepts (" + maxBodySize + " bytes).")
                    .onComplete(written -> rc.request().connection().close());
            return;
        }
        rc.next();
    }

    /** A failure of the gateway's own routing: an invalid, expired or forged token, a refusal, a bug. */
    public void failed(RoutingContext rc) {
        if (rc.response().ended()) {
            return;
        }
        Throwable failure = rc.failure();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            answer(rc, 401, "A valid bearer token is required.");
        } else if (failure instanceof ForbiddenException) {
            answer(rc, 403, "Your role does not allow this.");
        } else if (failure instanceof HttpException http) {
            answer(rc, http.getStatusCode(), null);
        } else if (failure == null && rc.statusCode() >= 400) {
            answer(rc, rc.statusCode(), null);
        } else {
            LOG.error("Unexpected error while routing a request", failure);
            answer(rc, 500, null);
        }
    }

    /** No route and no resource of the gateway has the path. */
    public void notFound(RoutingContext rc) {
        answer(rc, 404, "No such resource.");
    }

    /** The service could not be reached (503) or did not answer in time (504); other failures are 502. */
    public ProxyResponse unavailable(ProxyContext context, Throwable failure) {
        int status = failure instanceof java.net.ConnectException
                ? 503
                : failure instanceof java.util.concurrent.TimeoutException
                                || failure.getClass().getSimpleName().contains("Timeout")
                        ? 504
                        : 502;
        String detail = status == 504 ? "The service did not answer in time." : "The service cannot be reached.";
        ProxyResponse response = context.request().response();
        response.setStatusCode(status).setStatusMessage(title(status)).headers().clear();
        response.putHeader("Content-Type", PROBLEM)
                .setBody(Body.body(Buffer.buffer(
                        body(status, detail, context.request().headers().get(ProxyRoutes.REQUEST_ID)))));
        return response;
    }

    /**
     * A service's error without a problem body (its HTTP layer's bare 413 or 404 page) becomes one; on
     * {@code /public/} pages an HTML answer is meant for a person and passes as it is.
     */
    public Future<Void> passOn(ProxyContext context) {
        ProxyResponse response = context.response();
        String type = response.headers().get("Content-Type");
        boolean problem = type != null && (type.startsWith(PROBLEM) || type.startsWith("application/json"));
        boolean page = type != null
                && type.startsWith("text/html")
                && context.request().getURI().startsWith("/public/");
        if (response.getStatusCode() >= 400 && !problem && !page) {
            int status = response.getStatusCode();
            response.headers().remove("Content-Length");
            response.putHeader("Content-Type", PROBLEM)
                    .setBody(Body.body(Buffer.buffer(
                            body(status, null, context.request().headers().get(ProxyRoutes.REQUEST_ID)))));
        }
        return context.sendResponse();
    }

    /** Keycloak's admin API is out of reach, or staff management has no service account: try again later. */
    @ServerExceptionMapper
    public Response staffAccountsUnavailable(StaffAccountsUnavailable e) {
        return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE, e.getMessage())
                        .toResponse())
                .header("Retry-After", "5")
                .build();
    }

    private String body(int status, String detail, String requestId) {
        Problem problem = new Problem("about:blank", title(status), status, detail, List.of());
        try {
            return json.writeValueAsString(requestId == null ? problem : problem.withInstance(requestId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String title(int status) {
        return switch (status) {
            case 413 -> "Content Too Large";
            case 429 -> "Too Many Requests";
            case 499 -> "Client Closed Request";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known == null ? "Error" : known.getReasonPhrase();
            }
        };
    }
}
