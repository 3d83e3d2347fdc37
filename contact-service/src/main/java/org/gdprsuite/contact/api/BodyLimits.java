package org.gdprsuite.contact.api;

import org.gdprsuite.contact.config.ContactConfig;
import org.gdprsuite.runtime.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/**
 * The HTTP layer accepts bodies up to a CSV upload's size (quarkus.http.limits.max-body-size); every endpoint
 * but the import keeps the smaller {@code gdpr.contact.max-body-bytes}. A declared length over the limit is
 * refused with problem 413 before the body is read.
 */
public class BodyLimits {

    private static final String IMPORTS = "/api/contacts/imports";

    @Inject
    ContactConfig config;

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request) {
        long length = request.getLength();
        if (length < 0) {
            return null;
        }
        boolean upload = "POST".equals(request.getMethod())
                && IMPORTS.equals(stripSlash(request.getUriInfo().getPath()));
        long max = upload ? config.importMaxBytes() : config.maxBodyBytes();
        if (length <= max) {
            return null;
        }
        return Problem.of(
                        Response.Status.REQUEST_ENTITY_TOO_LARGE, "The request body is larger than " + max + " bytes.")
                .toResponse();
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
