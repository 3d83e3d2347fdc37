package org.gdprsuite.runtime.toy;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A protected toy endpoint: who the caller is, and whether their identity belongs to this very request. */
@Path("/toy/whoami")
@Authenticated
public class WhoAmI {

    public record Caller(String name, boolean ofThisRequest) {}

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest request;

    @GET
    public Caller get() {
        return new Caller(
                identity.getPrincipal().getName(),
                HttpSecurityUtils.getRoutingContextAttribute(identity) == request.getCurrent());
    }
}
