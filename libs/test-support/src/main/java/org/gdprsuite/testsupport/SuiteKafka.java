package org.gdprsuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The client settings of the suite's Kafka for tests: every client logs in (SASL/SCRAM) as one of the principals
 * of {@code stack/kafka/acls.txt}, with the password {@code ./suite} made for it in
 * {@code .stack/kafka/credentials}. Tests set up and inspect topics as {@link #ADMIN}; services run as themselves
 * (from their jars) or as {@link #TEST_PRINCIPAL} (in {@code @QuarkusTest}s).
 */
public final class SuiteKafka {

    public static final String BOOTSTRAP = "127.0.0.1:9092";
    /** The super user: creates the tests' topics and copies the services' rights onto them. */
    public static final String ADMIN = "admin";
    /** The principal of the services under {@code @QuarkusTest}: allowed on the tests' private topics only. */
    public static final String TEST_PRINCIPAL = "suite-test";

    private SuiteKafka() {}

    /** Settings of a client that logs in as {@code principal}. */
    public static Map<String, Object> as(String principal) {
        Map<String, Object> config = unauthenticated();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        config.put(
                SaslConfigs.SASL_JAAS_CONFIG,
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
                        + "\" password=\"" + password(principal) + "\";");
        return config;
    }

    /** Settings of a client that does not log in at all (the broker must turn it away). */
    public static Map<String, Object> unauthenticated() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        return config;
    }

    /** The local password of a principal, as {@code ./suite} made it. */
    public static String password(String principal) {
        Path file = SuiteStack.projectRoot().resolve(".stack/kafka/credentials").resolve(principal);
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "No Kafka password for '" + principal + "' in " + file
                            + ": start the stack with ./suite infra (or ./suite restart kafka after an update)",
                    e);
        }
    }
}
