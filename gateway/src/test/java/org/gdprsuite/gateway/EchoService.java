package org.gdprsuite.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * incident-service as a mirror: it answers every call with the request headers it received (names in lower
 * case, values joined by ", "), so a test sees what the gateway passed on. It sets a cookie as a public form's page
 * does, so a test sees the gateway pass that back.
 */
public class EchoService implements QuarkusTestResourceLifecycleManager {

    /** The cookie every answer sets, as the public forms' pages set their anti-CSRF cookie. */
    static final String SET_COOKIE =
            "gdpr_form=echo; Path=/public/incidents/report; Max-Age=60; Secure; HttpOnly;" + " SameSite=Strict";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ObjectMapper json = new ObjectMapper();
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) ->
                            headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(", ", values)));
            byte[] body = json.writeValueAsString(headers).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Set-Cookie", SET_COOKIE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of(
                "gdpr.gateway.services.incident-service",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
