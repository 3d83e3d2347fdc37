package org.gdprsuite.gateway;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.TestTopics;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real services behind the gateway in its tests: contact-service and incident-service run from
 * their built jars (test profile: their test databases, private topics) on free ports. consent-service
 * is "down" (nothing listens) and erasure-service "hangs" (accepts, never answers).
 */
public class BackendServices implements QuarkusTestResourceLifecycleManager {

    private final List<Process> processes = new ArrayList<>();
    private TestTopics topics;
    private ServerSocket silent;

    @Override
    public Map<String, String> start() {
        SuiteStack.ensureRunning();
        topics = TestTopics.create();
        Map<String, String> config = new HashMap<>();
        config.put("gdpr.gateway.services.contact-service", start("contact-service"));
        config.put("gdpr.gateway.services.incident-service", start("incident-service"));
        config.put("gdpr.gateway.services.consent-service", "http://127.0.0.1:" + freePort());
        try {
            silent = new ServerSocket(0);
            Thread acceptor = new Thread(this::acceptAndStaySilent, "silent-service");
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        config.put("gdpr.gateway.services.erasure-service", "http://127.0.0.1:" + silent.getLocalPort());
        config.put("gdpr.gateway.services.subscription-service", "http://127.0.0.1:" + freePort());
        return config;
    }

    @Override
    public void stop() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            silent.close();
        } catch (IOException e) {
            // closing anyway
        }
        topics.delete();
    }

    private String start(String service) {
        Path jar = Path.of("..", service, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build " + service + " first (the reactor does)");
        }
        int port = freePort();
        try {
            Path log = Files.createTempFile(service + "-behind-gateway", ".log");
            Process process = new ProcessBuilder("java", "-Xmx256m", "-Dquarkus.profile=test", "-Dquarkus.http.port=" + port,
                    "-Dgdpr.kafka.topic-prefix=" + topics.prefix(), "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            processes.add(process);
            awaitReady(service, port, process, log);
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + service, e);
        }
        return "http://127.0.0.1:" + port;
    }

    private static void awaitReady(String service, int port, Process process, Path log) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " stopped; see " + log);
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/q/health/ready").toURL()
                        .openConnection();
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException(service + " not ready in 90 s; see " + log);
    }

    private void acceptAndStaySilent() {
        List<Socket> held = new ArrayList<>();
        while (!silent.isClosed()) {
            try {
                held.add(silent.accept());
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
