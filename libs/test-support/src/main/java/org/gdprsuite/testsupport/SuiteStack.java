package org.gdprsuite.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Makes sure the real local stack (PostgreSQL, Kafka, Keycloak, SMTP) is running before a service's
 * tests boot. {@code ./suite test} starts it once for the whole build; a developer running one
 * module's tests from an IDE or Maven gets it started here by the same script.
 *
 * <p>Each test application gets its own copy of the suite's Kafka topics under a fresh prefix
 * ({@code gdpr.kafka.topic-prefix}), so tests neither see nor disturb each other or a running suite, and logs
 * in to Kafka as the tests' principal, which the broker allows on those private topics only.
 */
public class SuiteStack implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, Integer> COMPONENTS =
            Map.of("PostgreSQL", 5432, "Kafka", 9092, "Keycloak", 8180, "SMTP", 2525);

    private TestTopics topics;

    @Override
    public Map<String, String> start() {
        ensureRunning();
        topics = TestTopics.create();
        // The service logs in to Kafka as the tests' principal (gdpr.kafka.username in the test profile).
        return Map.of(
                TestTopics.PREFIX_PROPERTY,
                topics.prefix(),
                "gdpr.kafka.password",
                SuiteKafka.password(SuiteKafka.TEST_PRINCIPAL));
    }

    @Override
    public void stop() {
        // The stack outlives the test run (it is shared by every module of the build); the topics do not.
        if (topics != null) {
            topics.delete();
        }
    }

    /** Starts the stack with {@code ./suite infra} unless every component already answers. */
    public static synchronized void ensureRunning() {
        if (!allReachable()) {
            startStack();
        }
        COMPONENTS.forEach((name, port) -> {
            if (!reachable(port)) {
                throw new IllegalStateException(name + " is not reachable on 127.0.0.1:" + port
                        + " even after './suite infra'; see .stack/logs");
            }
        });
    }

    private static boolean allReachable() {
        return COMPONENTS.values().stream().allMatch(SuiteStack::reachable);
    }

    private static boolean reachable(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The checkout's root: the nearest folder above the working directory that holds the ./suite launcher. */
    public static Path projectRoot() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("suite"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IllegalStateException(
                    "The ./suite launcher was not found above " + Path.of("").toAbsolutePath());
        }
        return root;
    }

    /** Restarts one component of the shared stack ({@code postgres}, {@code kafka}, ...) in place: for fault tests. */
    public static void restart(String component) {
        suite("restart", component);
    }

    private static void startStack() {
        suite("infra");
    }

    private static void suite(String... command) {
        String shown = "./suite " + String.join(" ", command);
        try {
            List<String> line = new ArrayList<>(List.of("bash", "suite"));
            line.addAll(List.of(command));
            Process process = new ProcessBuilder(line)
                    .directory(projectRoot().toFile())
                    .inheritIO()
                    .start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("'" + shown + "' failed; see .stack/logs");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + shown, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
