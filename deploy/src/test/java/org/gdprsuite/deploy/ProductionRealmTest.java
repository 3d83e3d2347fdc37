package org.gdprsuite.deploy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.gdprsuite.deploy.Project.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The realm deploy/ gives operators is the production one: no users, no client secrets, no password grants, a
 * password policy, brute-force protection and TOTP for the roles that see sensitive fields. The demo realm (users,
 * passwords, TOTP secrets, the integration client's secret) stays with ./suite and the tests.
 */
@Tag("unit")
class ProductionRealmTest {

    static final String REALM = "deploy/kubernetes/keycloak/gdpr-suite-realm.json";
    private static final String DEMO_REALM = "stack/keycloak/gdpr-suite-realm.json";
    /** The roles that may see sensitive fields, or manage who does. */
    private static final List<String> SECOND_FACTOR_ROLES = List.of("dpo", "admin", "finance");

    private final Map<String, Object> realm = Project.yaml(REALM); // JSON is YAML

    @Test
    void hasNoStaffUsersAndNoClientSecrets() {
        assertEquals("gdpr-suite", realm.get("realm"));
        // Users are created by the operator, never imported; only the gateway's service account (no credentials).
        List<Map<String, Object>> users = realm.get("users") == null ? List.of() : at(realm, "users");
        for (Map<String, Object> user : users) {
            assertEquals("service-account-" + user.get("serviceAccountClientId"), user.get("username"));
            assertFalse(user.containsKey("credentials"), user.get("username") + " has credentials");
            assertTrue(clients().stream()
                    .anyMatch(c -> c.get("clientId").equals(user.get("serviceAccountClientId"))
                            && Boolean.TRUE.equals(c.get("serviceAccountsEnabled"))));
        }
        for (Map<String, Object> client : clients()) {
            assertFalse(client.containsKey("secret"), client.get("clientId") + " has a fixed secret");
            assertEquals(false, client.get("directAccessGrantsEnabled"), client.get("clientId") + " password grant");
        }
        assertTrue(clients().stream().anyMatch(c -> "integration".equals(c.get("clientId"))));
        assertFalse(Project.read(Project.ROOT.resolve(REALM)).contains("-demo"), "no demo value");
    }

    @Test
    void protectsTheLoginWithAPasswordPolicyAndBruteForceProtection() {
        assertEquals(true, realm.get("bruteForceProtected"));
        assertEquals("all", realm.get("sslRequired"));
        String policy = (String) realm.get("passwordPolicy");
        assertNotNull(policy, "a password policy");
        assertTrue(policy.contains("length("), policy);
        assertTrue(policy.contains("notUsername"), policy);
    }

    @Test
    void requiresTotpForEveryRoleThatSeesSensitiveFields() {
        assertEquals("suite browser", realm.get("browserFlow"));
        List<Map<String, Object>> flows = at(realm, "authenticationFlows");
        List<Map<String, Object>> configs = at(realm, "authenticatorConfig");
        for (String role : SECOND_FACTOR_ROLES) {
            Map<String, Object> flow = flows.stream()
                    .filter(f -> ("suite browser otp " + role).equals(f.get("alias")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no OTP flow for " + role));
            assertEquals("conditional-user-role", at(flow, "authenticationExecutions", 0, "authenticator"));
            String condition = at(flow, "authenticationExecutions", 0, "authenticatorConfig");
            assertTrue(
                    configs.stream()
                            .anyMatch(c -> condition.equals(c.get("alias"))
                                    && role.equals(at(c, "config", "condUserRole"))
                                    && "false".equals(at(c, "config", "negate"))),
                    role);
            assertEquals("auth-otp-form", at(flow, "authenticationExecutions", 1, "authenticator"));
            assertEquals("REQUIRED", at(flow, "authenticationExecutions", 1, "requirement"));
        }
        List<Map<String, Object>> actions = at(realm, "requiredActions");
        assertTrue(actions.stream()
                .anyMatch(a -> "CONFIGURE_TOTP".equals(a.get("alias")) && Boolean.TRUE.equals(a.get("enabled"))));
    }

    @Test
    void deployImportsTheProductionRealmNotTheDemoOne() throws Exception {
        Map<String, Object> kustomization = Project.yaml("deploy/kubernetes/keycloak/kustomization.yaml");
        assertEquals(List.of("gdpr-suite-realm.json"), at(kustomization, "configMapGenerator", 0, "files"));
        try (Stream<java.nio.file.Path> files = Files.walk(Project.ROOT.resolve("deploy"))) {
            List<java.nio.file.Path> referencingDemo = files.filter(Files::isRegularFile)
                    .filter(f ->
                            !f.toString().contains("/target/") && !f.toString().contains("/src/test/"))
                    .filter(f -> Project.read(f).contains(DEMO_REALM))
                    .toList();
            assertEquals(List.of(), referencingDemo, "deploy/ names the demo realm");
        }
        String readme = Project.read(Project.ROOT.resolve("deploy/README.md"));
        assertTrue(readme.contains(REALM), "deploy/README.md names it");
    }

    private List<Map<String, Object>> clients() {
        return at(realm, "clients");
    }
}
