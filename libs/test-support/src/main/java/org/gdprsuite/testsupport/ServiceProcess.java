package org.gdprsuite.testsupport;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One of the suite's services running from its built jar ({@code <service>/target/quarkus-app}), as
 * {@code ./suite up} runs it, on a port of the test's choosing and with the given configuration
 * overrides (system properties). Tests use it to put real services behind the gateway, to kill and
 * restart them, and to run the whole suite in the system tests.
 */
public final class ServiceProcess {

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final String TEST_MASTER_KEYS = "test:oM3LpdtNP5I8YncsdLrYTzr9X8mFu8ROq4Sz0MKswAw=";

    private final String service;
    private final int port;
    /** Health and metrics (the management interface), apart from the port users come through. */
    private final int managementPort = freePort();

    private final Map<String, String> properties;
    private final Path log;
    private Process process;

    private ServiceProcess(String service, int port, Map<String, String> properties) {
        this.service = service;
        this.port = port;
        this.properties = new TreeMap<>(properties);
        try {
            this.log = Files.createTempFile(service + "-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Launches the service without waiting; {@link #awaitReady()} waits (so several can start at once). */
    public static ServiceProcess launch(String service, int port, Map<String, String> properties) {
        ServiceProcess started = new ServiceProcess(service, port, properties);
        started.launch();
        return started;
    }

    /** Launches the service and waits until its readiness check is green. */
    public static ServiceProcess start(String service, int port, Map<String, String> properties) {
        return launch(service, port, properties).awaitReady();
    }

    private void launch() {
        Path jar = SuiteStack.projectRoot().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build " + service + " first (the reactor does)");
        }
        List<String> command = new ArrayList<>(List.of(
                "java",
                "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort,
                // A jar runs in the prod profile, which has no master key for encryption at rest (./suite sets one
                // too).
                "-Dgdpr.crypto.master-keys=" + TEST_MASTER_KEYS));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            // As ./suite runs it: logged in to Kafka as itself (a secret in the environment, not on the command line);
            // in the test profile as the tests' principal, whose rights cover the tests' private topics.
            String principal = "test".equals(properties.get("quarkus.profile")) ? SuiteKafka.TEST_PRINCIPAL : service;
            builder.environment().put("GDPR_KAFKA_PASSWORD", SuiteKafka.password(principal));
            process = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + service, e);
        }
    }

    public ServiceProcess awaitReady() {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (!ready()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " stopped; see " + log);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(service + " not ready in " + READY_WITHIN + "; see " + log);
            }
            pause();
        }
        return this;
    }

    private boolean ready() {
        try {
            HttpURLConnection c = (HttpURLConnection)
                    URI.create(managementUrl() + "/q/health/ready").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            return c.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would: no shutdown hooks, nothing flushed. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** Stops the process gracefully (SIGTERM), or kills it if it has not stopped within 20 s. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Starts the same service again, same port and configuration, and waits until it is ready. */
    public ServiceProcess restart(Map<String, String> changedProperties) {
        if (process.isAlive()) {
            stop();
        }
        properties.putAll(changedProperties);
        launch();
        return awaitReady();
    }

    public long pid() {
        return process.pid();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Where its health and metrics are served ({@code /q/health}, {@code /q/metrics}). */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public String service() {
        return service;
    }

    public Path log() {
        return log;
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A port nobody listens on right now, below the kernel's ephemeral range (32768 and up) so that the
     * outgoing connections of other processes cannot take it before the service binds it.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }
}
