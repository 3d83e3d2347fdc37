package org.gdprsuite.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.gdprsuite.testsupport.ServiceProcess;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * incident-service as three instances: "one" and "two" answer every call with their name and count the calls
 * they received by method; the one between them refuses connections (nothing listens on its port). Set aside
 * for no time, so that the refusing instance keeps its turn and every third call meets it first.
 */
public class Replicas implements QuarkusTestResourceLifecycleManager {

    /** Instance name → method → calls received. */
    static final Map<String, Map<String, AtomicInteger>> RECEIVED = new ConcurrentHashMap<>();

    private final List<HttpServer> servers = new java.util.ArrayList<>();

    @Override
    public Map<String, String> start() {
        String one = listen("one");
        String refusing = "http://127.0.0.1:" + ServiceProcess.freePort();
        String two = listen("two");
        return Map.of(
                "gdpr.gateway.services.incident-service",
                String.join(",", one, refusing, two),
                "gdpr.gateway.instance-set-aside",
                "PT0S");
    }

    static int received(String instance, String method) {
        return RECEIVED.getOrDefault(instance, Map.of())
                .getOrDefault(method, new AtomicInteger())
                .get();
    }

    private String listen(String name) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            RECEIVED.computeIfAbsent(name, n -> new ConcurrentHashMap<>())
                    .computeIfAbsent(exchange.getRequestMethod(), m -> new AtomicInteger())
                    .incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"instance\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void stop() {
        servers.forEach(server -> server.stop(0));
    }
}
