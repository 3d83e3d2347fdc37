package org.gdprsuite.gateway.api;

import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gdprsuite.gateway.config.GatewayConfig;
import org.gdprsuite.gateway.domain.AccessLog;
import org.gdprsuite.gateway.domain.ClientAddress;
import org.gdprsuite.gateway.domain.Route;
import org.gdprsuite.gateway.domain.Upstream;
import org.gdprsuite.runtime.web.FixedWindowLimiter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The gateway's routes to the services, on Vert.x's reverse proxy (streaming bodies both ways). Per
 * request: a request id, the caller's identity from the bearer token (verified by quarkus-oidc), the
 * coarse role rule of the {@link Route}, a rate limit per client or address, a bound on the calls open
 * to each service and a place in the access log for personal-data calls (both refused with 503 and
 * Retry-After when taken: overload is answered fast instead of queued), then the proxy; the access-log
 * entry is recorded once answered. A service may run as several instances, called in turn ({@link Upstream}). A service that is down or slow is answered with a problem 503 or 504,
 * fast; every error is a problem ({@link GatewayProblems}).
 */
@ApplicationScoped
public class ProxyRoutes {

    public static final String REQUEST_ID = "X-Request-Id";
    /** Before Quarkus's own body-size check (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT, -2), which answers bare. */
    private static final int BODY_LIMIT_ORDER = -3;

    /**
     * Referrer-Policy same-origin: no other site learns an address of ours (links carry tokens), and a browser still
     * names our origin on our own forms; with no-referrer it sends {@code Origin: null}, which CORS refuses.
     */
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "same-origin",
            "Strict-Transport-Security", "max-age=31536000");

    @Inject
    Vertx vertx;

    @Inject
    GatewayConfig config;

    @Inject
    AccessLog accessLog;

    @Inject
    GatewayProblems problems;

    @Inject
    Config quarkusConfig;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    /** Per service: places for open calls (see {@link GatewayConfig#maxInFlight()}). */
    private final Map<String, Semaphore> inFlight = new HashMap<>();

    /** Pages call the gateway only, and Keycloak for the console's (/console/) tokens; no inline script, no frames. */
    private String contentSecurityPolicy;

    private FixedWindowLimiter perClient;
    private FixedWindowLimiter perAddress;
    private ClientAddress clientAddress;

    void routes(@Observes Router router) {
        clientAddress = new ClientAddress(config.trustedProxies().orElse(List.of()));
        String keycloak = quarkusConfig
                .getOptionalValue("quarkus.oidc.auth-server-url", String.class)
                .map(URI::create)
                .map(url -> " " + url.getScheme() + "://" + url.getRawAuthority())
                .orElse("");
        contentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; "
                + "connect-src 'self'" + keycloak;
        perClient =
                new FixedWindowLimiter(config.rateLimit().clientPerMinute(), java.time.Duration.ofMinutes(1), clock);
        perAddress =
                new FixedWindowLimiter(config.rateLimit().publicPerMinute(), java.time.Duration.ofMinutes(1), clock);
        router.route().order(Integer.MIN_VALUE).failureHandler(problems::failed);
        quarkusConfig
                .getOptionalValue("quarkus.http.limits.max-body-size", String.class)
                .map(new MemorySizeConverter()::convert)
                .ifPresent(limit -> router.route()
                        .order(BODY_LIMIT_ORDER)
                        .handler(rc -> problems.bodyLimit(rc, limit.asLongValue())));
        router.route().order(Integer.MAX_VALUE).handler(problems::notFound);
        // Kept-alive connections, at most as many per service as calls may be open to it.
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(config.maxInFlight())
                .setKeepAlive(true));
        Map<String, HttpProxy> proxies = new HashMap<>();
        config.services().forEach((service, urls) -> {
            proxies.put(service, proxy(client, new Upstream(urls, config.instanceSetAside(), clock)));
            Semaphore open = new Semaphore(config.maxInFlight());
            inFlight.put(service, open);
            Gauge.builder("gdpr.gateway.in.flight", open, s -> config.maxInFlight() - s.availablePermits())
                    .description("Calls open to the service through the gateway")
                    .tag("service", service)
                    .register(metrics);
        });
        for (Route route : Route.ALL) {
            HttpProxy proxy = proxies.get(route.service());
            if (proxy == null) {
                throw new IllegalStateException("no URL configured for " + route.service());
            }
            router.route(route.prefix() + "*").handler(rc -> handle(rc, route, proxy));
            router.route(route.prefix().substring(0, route.prefix().length() - 1))
                    .handler(rc -> handle(rc, route, proxy));
        }
        router.route().order(Integer.MIN_VALUE + 1).handler(rc -> {
            // Every answer of the gateway, proxied or its own, carries the request id and the security headers.
            String requestId = rc.request().getHeader(REQUEST_ID);
            if (requestId == null || requestId.length() > 100 || requestId.isBlank()) {
                requestId = UUID.randomUUID().toString();
                rc.request().headers().set(REQUEST_ID, requestId);
            }
            String id = requestId;
            rc.addHeadersEndHandler(v -> {
                rc.response().headers().set(REQUEST_ID, id);
                SECURITY_HEADERS.forEach(
                        (name, value) -> rc.response().headers().set(name, value));
                rc.response().headers().set("Content-Security-Policy", contentSecurityPolicy);
            });
            rc.next();
        });
    }

    private void handle(RoutingContext rc, Route route, HttpProxy proxy) {
        SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser user
                        && !user.getSecurityIdentity().isAnonymous()
                ? user.getSecurityIdentity()
                : null;
        String address = clientAddress.resolve(
                rc.request().remoteAddress().hostAddress(),
                rc.request().headers().getAll(ForwardedHeaders.FORWARDED_FOR));
        OptionalLong retryAfter =
                identity != null ? perClient.acquire(identity.getPrincipal().getName()) : perAddress.acquire(address);
        if (retryAfter.isPresent()) {
            rc.response().putHeader("Retry-After", Long.toString(retryAfter.getAsLong()));
            problems.answer(rc, 429, "Too many requests; try again later.");
            return;
        }
        if (!route.isPublic()) {
            if (identity == null) {
                rc.response().putHeader("WWW-Authenticate", "Bearer");
                problems.answer(rc, 401, "A valid bearer token is required.");
                return;
            }
            if (!route.allows(identity.getRoles())) {
                problems.answer(rc, 403, "Your role does not allow this.");
                return;
            }
        }
        Semaphore open = inFlight.get(route.service());
        if (!open.tryAcquire()) {
            saturated(rc, "The service is busy; try again shortly.");
            return;
        }
        boolean logged = route.personalData() && identity != null;
        if (logged && !accessLog.admit()) {
            open.release();
            saturated(rc, "The access log is behind; personal data is served again as soon as it catches up.");
            return;
        }
        ForwardedHeaders.set(rc.request(), address);
        if (logged) {
            String principal = identity.getPrincipal().getName();
            String client = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim("azp") : null;
            String method = rc.request().method().name();
            String path = rc.request().path();
            String personIdParameter = rc.request().getParam("personId");
            String requestId = rc.request().getHeader(REQUEST_ID);
            // Answered or cut off by the caller, the call happened: 499 when the caller left before the answer.
            rc.addEndHandler(ended -> {
                open.release();
                int status = ended.succeeded() ? rc.response().getStatusCode() : 499;
                accessLog.record(
                        new AccessLog.Call(principal, client, method, path, personIdParameter, status, requestId));
            });
        } else {
            rc.addEndHandler(v -> open.release());
        }
        proxy.handle(rc.request());
    }

    private HttpProxy proxy(HttpClient client, Upstream upstream) {
        long timeout = config.timeout().toMillis();
        return HttpProxy.reverseProxy(client)
                .originRequestProvider((request, c) -> connect(
                        c,
                        upstream,
                        upstream.order(),
                        0,
                        Upstream.retriable(request.method().name()),
                        timeout))
                .addInterceptor(new ProxyInterceptor() {
                    @Override
                    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                        return context.sendRequest()
                                .recover(failure -> Future.succeededFuture(problems.unavailable(context, failure)));
                    }

                    @Override
                    public Future<Void> handleProxyResponse(ProxyContext context) {
                        return problems.passOn(context);
                    }
                });
    }

    /**
     * A connection to the instance in turn. One that refuses is set aside, and an idempotent call goes on to the
     * next instance (nothing was sent to the refusing one); any other call is answered 503 at once.
     */
    private static Future<HttpClientRequest> connect(
            HttpClient client, Upstream upstream, List<URI> order, int attempt, boolean retriable, long timeout) {
        URI instance = order.get(attempt);
        int port = instance.getPort() != -1 ? instance.getPort() : "https".equals(instance.getScheme()) ? 443 : 80;
        return client.request(new RequestOptions()
                        .setServer(SocketAddress.inetSocketAddress(port, instance.getHost()))
                        .setIdleTimeout(timeout))
                .onSuccess(connected -> upstream.accepted(instance))
                .recover(failure -> {
                    if (!(failure instanceof ConnectException)) {
                        return Future.failedFuture(failure);
                    }
                    upstream.refused(instance);
                    return retriable && attempt + 1 < order.size()
                            ? connect(client, upstream, order, attempt + 1, true, timeout)
                            : Future.failedFuture(failure);
                });
    }

    /** Overloaded: refused at once, cheaply, and the caller is told when to come back. */
    private void saturated(RoutingContext rc, String detail) {
        rc.response().putHeader("Retry-After", "1");
        problems.answer(rc, 503, detail);
    }
}
