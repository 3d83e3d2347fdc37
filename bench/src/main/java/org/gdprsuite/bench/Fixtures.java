package org.gdprsuite.bench;

import java.util.Map;
import java.util.UUID;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.Tokens;

import com.fasterxml.jackson.databind.JsonNode;

/** Data the figures need, created through the public APIs where that is fast enough. */
final class Fixtures {

    private Fixtures() {}

    /** A consent purpose (idempotent PUT; dpo manages the catalogue). */
    static void ensurePurpose(Http http, String key) {
        http.put(
                "/api/consents/purposes/" + key,
                Tokens.of(DemoUser.DPO),
                Map.of("name", "Benchmark " + key, "consentRequired", true));
    }

    /** A person created through contact-service, so every service hears of them as of any other. */
    static UUID person(Http http, String label) {
        JsonNode created = http.post(
                "/api/contacts/persons",
                Tokens.of(DemoUser.SALES),
                Map.of(
                        "firstName",
                        "Bench",
                        "lastName",
                        label,
                        "email",
                        label + "-" + UUID.randomUUID() + "@bench.invalid"),
                201);
        return UUID.fromString(created.get("id").asText());
    }

    /** A consent as staff record it through consent-service's API. */
    record Consent(String legalBasis, String status, String source, String effectiveAt) {}
}
