package org.gdprsuite.gateway.api;

import java.util.List;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/**
 * The services see who really called (their evidence of consent, their rate limits): the one client address,
 * replacing whatever the caller wrote, and the way in; the services believe these headers from the gateway only.
 */
final class ForwardedHeaders {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    /** Headers that name the client or the way in, as a caller may write them; the gateway speaks for itself. */
    private static final List<String> CALLER_WRITTEN = List.of(
            "Forwarded",
            "X-Real-IP",
            "X-Forwarded-Port",
            "X-Forwarded-Prefix",
            "X-Forwarded-Server",
            "X-Forwarded-Ssl",
            "X-Forwarded-Host");

    private ForwardedHeaders() {}

    /** Replaces the caller's forwarding headers of {@code request} with the gateway's, naming {@code client}. */
    static void set(HttpServerRequest request, String client) {
        MultiMap headers = request.headers();
        CALLER_WRITTEN.forEach(headers::remove);
        headers.set(FORWARDED_FOR, client);
        headers.set("X-Forwarded-Proto", request.scheme());
        if (request.authority() != null) {
            // The port too: the services build the links and Locations they answer from these headers.
            int port = request.authority().port();
            headers.set("X-Forwarded-Host", request.authority().host());
            headers.set(
                    "X-Forwarded-Port",
                    Integer.toString(port > 0 ? port : "https".equals(request.scheme()) ? 443 : 80));
        }
    }
}
