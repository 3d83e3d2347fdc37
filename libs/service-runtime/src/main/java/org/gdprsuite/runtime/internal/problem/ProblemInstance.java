package org.gdprsuite.runtime.internal.problem;

import java.util.UUID;

import org.gdprsuite.runtime.problem.Problem;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

/**
 * Every request has an id, so that a caller's report and the logs meet: the gateway's {@code X-Request-Id}, or a
 * new one for a call straight to the service (then echoed). It is in every log line written while the request is
 * handled ({@code requestId} of the log's context, a field of the JSON logs) and names the occurrence of every
 * problem answer.
 */
public class ProblemInstance {

    public static final String REQUEST_ID = "X-Request-Id";
    /** The key of the request id in the logging context (MDC). */
    public static final String LOG_KEY = "requestId";

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request) {
        String id = request.getHeaderString(REQUEST_ID);
        if (id == null || !id.matches("[A-Za-z0-9._:-]{1,100}")) {
            id = UUID.randomUUID().toString();
            request.setProperty(REQUEST_ID, id); // made here: the answer tells the caller
        }
        MDC.put(LOG_KEY, id);
    }

    @ServerResponseFilter
    public void name(ContainerRequestContext request, ContainerResponseContext response) {
        Object made = request.getProperty(REQUEST_ID);
        String id = made != null ? made.toString() : request.getHeaderString(REQUEST_ID);
        if (made != null) {
            response.getHeaders().putSingle(REQUEST_ID, id);
        }
        if (response.getEntity() instanceof Problem problem && problem.instance() == null) {
            response.setEntity(problem.withInstance(id));
        }
        MDC.remove(LOG_KEY);
    }
}
