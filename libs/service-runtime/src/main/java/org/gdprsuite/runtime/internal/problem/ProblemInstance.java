package org.gdprsuite.runtime.internal.problem;

import java.util.UUID;

import org.gdprsuite.runtime.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

/**
 * Every problem answer names its occurrence with the request id, so that a caller's report and the logs
 * meet: the gateway's {@code X-Request-Id}, or a new one for a call straight to the service (then echoed).
 */
public class ProblemInstance {

    public static final String REQUEST_ID = "X-Request-Id";

    @ServerResponseFilter
    public void name(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem && problem.instance() == null) {
            String id = request.getHeaderString(REQUEST_ID);
            if (id == null || !id.matches("[A-Za-z0-9._:-]{1,100}")) {
                id = UUID.randomUUID().toString();
                response.getHeaders().putSingle(REQUEST_ID, id);
            }
            response.setEntity(problem.withInstance(id));
        }
    }
}
