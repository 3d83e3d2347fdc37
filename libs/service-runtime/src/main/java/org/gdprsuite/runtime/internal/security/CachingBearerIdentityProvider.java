package org.gdprsuite.runtime.internal.security;

import java.time.Clock;

import org.gdprsuite.runtime.internal.config.TokenCacheConfig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.runtime.Startup;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Bearer tokens are verified by quarkus-oidc once, then answered from {@link VerifiedTokens} until they
 * expire (or {@code gdpr.security.token-cache.max-age} has passed). Runs before quarkus-oidc's own
 * provider (higher priority) and hands it every token it does not hold, so a token that verification
 * refuses is refused exactly as before and never kept. quarkus-oidc has no such cache for JWTs it verifies
 * locally (its token cache is for introspection and UserInfo only).
 * <p>
 * One OIDC tenant per service: the key is the token alone. The verified identity refers to the request that
 * brought it; a cached one is handed out with the current request in its place.
 */
// Created at start so that its counters are exported (at 0) before the first token arrives.
@Startup
@ApplicationScoped
public class CachingBearerIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** The attributes under which quarkus-oidc and quarkus-vertx-http put the request into an identity. */
    private static final String[] REQUEST_ATTRIBUTES = {
        RoutingContext.class.getName(), HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE
    };

    private final OidcIdentityProvider oidc;
    private final VerifiedTokens verified;
    private final Counter cached;
    private final Counter verifiedNow;
    private final Counter refused;

    @Inject
    public CachingBearerIdentityProvider(OidcIdentityProvider oidc, MeterRegistry metrics, TokenCacheConfig config) {
        this.oidc = oidc;
        // The system clock, not the application's (movable in tests): token expiry is real time, as for jose4j.
        this.verified = new VerifiedTokens(config.maxSize(), config.maxAge(), Clock.systemUTC());
        String name = "gdpr.security.bearer.tokens";
        String description = "Bearer tokens seen: answered from the cache of verified tokens, verified, or refused";
        this.cached = Counter.builder(name)
                .description(description)
                .tag("outcome", "cached")
                .register(metrics);
        this.verifiedNow = Counter.builder(name)
                .description(description)
                .tag("outcome", "verified")
                .register(metrics);
        this.refused = Counter.builder(name)
                .description(description)
                .tag("outcome", "refused")
                .register(metrics);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Ahead of quarkus-oidc's provider, which keeps the default priority. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof AccessTokenCredential)) {
            return oidc.authenticate(request, context);
        }
        String token = request.getToken().getToken();
        SecurityIdentity known = verified.get(token);
        if (known != null) {
            cached.increment();
            return Uni.createFrom().item(withRequest(known, HttpSecurityUtils.getRoutingContextAttribute(request)));
        }
        return oidc.authenticate(request, context)
                .invoke(identity -> {
                    verifiedNow.increment();
                    if (identity != null) {
                        verified.put(token, withRequest(identity, null));
                    }
                })
                .onFailure()
                .invoke(failure -> refused.increment());
    }

    /** The identity with {@code request} as the request it belongs to (null: none, as kept in the cache). */
    private static SecurityIdentity withRequest(SecurityIdentity identity, RoutingContext request) {
        QuarkusSecurityIdentity.Builder builder = null;
        for (String attribute : REQUEST_ATTRIBUTES) {
            if (identity.getAttributes().containsKey(attribute)) {
                builder = builder == null ? QuarkusSecurityIdentity.builder(identity) : builder;
                builder.addAttribute(attribute, request);
            }
        }
        return builder == null ? identity : builder.build();
    }
}
