package org.gdprsuite.runtime.internal.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Personal data stays out of caches (browser, proxy, the shared computer's disk): every answer to an authenticated
 * caller and every public page (each reached by a personal signed link: preference centre, confirmations, the
 * export download) carries {@code Cache-Control: no-store}, unless the resource set a cache policy of its own.
 */
@Provider
public class NoStoreResponses implements ContainerResponseFilter {

    static final String NO_STORE = "no-store";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            return;
        }
        if (request.getSecurityContext().getUserPrincipal() != null || isPublicPage(request)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
    }

    private static boolean isPublicPage(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.startsWith("/public/") || path.startsWith("public/");
    }
}
