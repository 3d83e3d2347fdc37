package org.gdprsuite.runtime.internal.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.gdprsuite.runtime.internal.config.SecretRules.Secret;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules a service's secrets meet outside dev and test (SecretRules, SecretsCheck), without a service. */
@Tag("unit")
class SecretRulesTest {

    private static final String KEY = "3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhs=";
    private static final String OTHER_KEY = "Rk9PQkFSYmF6cXV4MDEyMzQ1Njc4OWFiY2RlZmdoaWprbG1u";
    private static final String SIGNING = "gdpr.links.signing-key";

    private static Optional<String> keyProblem(String value) {
        return SecretRules.problem(Secret.key(SIGNING, Optional.ofNullable(value)));
    }

    @Test
    void aKeyOfThirtyTwoRandomBytesInBase64Passes() {
        assertEquals(Optional.empty(), keyProblem(KEY));
        assertEquals(Optional.empty(), keyProblem("3q2-7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhs"), "URL-safe, unpadded");
    }

    @Test
    void aMissingKeyIsRefusedNamingTheKeyAndHowToSetIt() {
        String problem = keyProblem(null).orElseThrow();

        assertTrue(problem.startsWith("gdpr.links.signing-key is missing"), problem);
        assertTrue(problem.contains("GDPR_LINKS_SIGNING_KEY"), problem);
        assertTrue(problem.contains("openssl rand -base64 32"), problem);
        assertTrue(keyProblem("  ").isPresent());
    }

    @Test
    void placeholdersAndTheFormerDefaultsAreRefused() {
        for (String placeholder : List.of(
                "local-development-signing-key-change-me",
                "compose-demo-signing-key-change-me",
                "CHANGE-ME",
                "changeme",
                "Change_Me_Please_0123456789012345678901234567",
                "secret")) {
            String problem = keyProblem(placeholder).orElseThrow(() -> new AssertionError(placeholder));
            assertTrue(problem.contains("placeholder"), problem);
            assertFalse(problem.contains(placeholder), "never the value: " + problem);
        }
    }

    @Test
    void shortNonBase64AndPatternedKeysAreRefused() {
        assertTrue(keyProblem("c2hvcnQta2V5").orElseThrow().contains("32 bytes"), "9 bytes");
        assertTrue(keyProblem("0f8fad5b-d9cb-469f-a165-70867728950e").isPresent(), "a UUID is no key");
        assertTrue(keyProblem("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
                .orElseThrow()
                .contains("not random"));
        String problem = keyProblem("short").orElseThrow();
        assertFalse(problem.contains("short is"), problem);
    }

    @Test
    void aPasswordMustBePresentAndNoPlaceholder() {
        Secret missing = Secret.password("quarkus.datasource.password", Optional.empty());
        Secret placeholder = Secret.password("quarkus.datasource.keys.password", Optional.of("CHANGE-ME"));

        assertEquals(
                "quarkus.datasource.password is missing: set QUARKUS_DATASOURCE_PASSWORD to the password of the"
                        + " database role",
                SecretRules.problem(missing).orElseThrow());
        assertTrue(SecretRules.problem(placeholder).orElseThrow().contains("QUARKUS_DATASOURCE_KEYS_PASSWORD"));
        assertEquals(
                Optional.empty(),
                SecretRules.problem(Secret.password("quarkus.datasource.password", Optional.of("contact"))));
    }

    @Test
    void aKeyMayNotBeTheValueOfAnotherSecret() {
        List<String> problems = SecretRules.problems(List.of(
                Secret.key(SIGNING, Optional.of(KEY)),
                Secret.key("gdpr.contact.pseudonym-key", Optional.of(KEY)),
                Secret.password("quarkus.datasource.password", Optional.of("contact"))));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("gdpr.links.signing-key and gdpr.contact.pseudonym-key"), problems.get(0));
        assertFalse(problems.get(0).contains(KEY));
    }

    @Test
    void aServiceWithEverySecretOfItsOwnPasses() {
        assertEquals(
                List.of(),
                SecretsCheck.problems(config(Map.of(
                        SIGNING,
                        KEY,
                        "gdpr.links.previous-keys",
                        "old:" + OTHER_KEY,
                        "quarkus.datasource.password",
                        "contact",
                        "gdpr.kafka.password",
                        "kafka-secret-of-contact",
                        "quarkus.datasource.keys.active",
                        "true",
                        "quarkus.datasource.keys.password",
                        "gdpr_keys"))));
    }

    @Test
    void theCheckFindsEveryMissingOrWeakSecretOfAService() {
        List<String> problems = SecretsCheck.problems(config(Map.of(
                "gdpr.links.previous-keys", "old:CHANGE-ME",
                "gdpr.contact.pseudonym-key", "too-short",
                "quarkus.datasource.keys.active", "true")));

        assertEquals(6, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("gdpr.links.signing-key is missing"), problems.get(0));
        assertTrue(problems.get(1).startsWith("gdpr.links.previous-keys[old] is a placeholder"), problems.get(1));
        assertTrue(problems.get(2).startsWith("gdpr.contact.pseudonym-key is not base64"), problems.get(2));
        assertTrue(problems.get(3).startsWith("quarkus.datasource.password is missing"), problems.get(3));
        assertTrue(problems.get(4).startsWith("gdpr.kafka.password is missing"), problems.get(4));
        assertTrue(problems.get(5).startsWith("quarkus.datasource.keys.password is missing"), problems.get(5));
    }

    @Test
    void theKeyStorePasswordIsNeededOnlyWhereTheKeyStoreIsActive() {
        assertEquals(
                List.of(),
                SecretsCheck.problems(config(
                        Map.of(SIGNING, KEY, "quarkus.datasource.password", "incident", "gdpr.kafka.password", "k1"))));
    }

    @Test
    void anOptionalClientSecretIsCheckedWhereSet() {
        Map<String, String> base =
                Map.of(SIGNING, KEY, "quarkus.datasource.password", "x1", "gdpr.kafka.password", "k1");
        assertEquals(List.of(), SecretsCheck.problems(config(base)), "none: erasure-service does without");
        Map<String, String> placeholder = new java.util.HashMap<>(base);
        placeholder.put("gdpr.erasure.client-secret", "CHANGE-ME");
        List<String> problems = SecretsCheck.problems(config(placeholder));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("gdpr.erasure.client-secret is a placeholder"), problems.get(0));
    }

    @Test
    void aMalformedListOfPreviousKeysIsRefused() {
        List<String> problems = SecretsCheck.problems(config(Map.of(
                SIGNING,
                KEY,
                "gdpr.links.previous-keys",
                "no-id-here",
                "quarkus.datasource.password",
                "x1",
                "gdpr.kafka.password",
                "k1")));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("gdpr.links.previous-keys must be"), problems.get(0));
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 100))
                .build();
    }
}
