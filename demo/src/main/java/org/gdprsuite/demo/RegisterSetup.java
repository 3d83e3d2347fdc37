package org.gdprsuite.demo;

import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import static org.gdprsuite.demo.DemoLoader.step;
import static org.gdprsuite.demo.Gateway.DPO;

/**
 * The DPO's accountability records of the demo (issue 22): the privacy notice in a second language, the controller
 * record and two purposes' entries of the record of processing activities, and two recipients. Each only where
 * missing, so a second run (or the DPO's own edits) is left alone.
 */
final class RegisterSetup {

    static final String GERMAN_NOTICE = DemoData.NOTICE + "-de";

    private final Gateway gateway;
    private final DemoData data;

    RegisterSetup(Gateway gateway, DemoData data) {
        this.gateway = gateway;
        this.data = data;
    }

    void run() {
        Set<String> notices = new HashSet<>();
        gateway.get(DPO, "/api/consents/notices")
                .forEach(n -> notices.add(n.path("version").asText()));
        if (!notices.contains(GERMAN_NOTICE)) {
            gateway.post(
                    DPO,
                    "/api/consents/notices",
                    Map.of(
                            "version",
                            GERMAN_NOTICE,
                            "language",
                            "de",
                            "title",
                            "Datenschutzhinweis",
                            "effectiveAt",
                            data.now.minus(400, ChronoUnit.DAYS).toString(),
                            "text",
                            "Datenschutzhinweis " + DemoData.NOTICE + " der Demo-Firma der GDPR Suite."));
        }
        if (gateway.send(DPO, "GET", "/api/consents/register/controller", null, null, 200, 404)
                        .status()
                == 404) {
            gateway.put(
                    DPO,
                    "/api/consents/register/controller",
                    Map.of(
                            "name", "GDPR Suite Demo GmbH",
                            "address", "Musterstraße 1, 10115 Berlin, Germany",
                            "email", "privacy@example.com",
                            "dpo", Map.of("name", "Dana Officer", "email", "dpo@example.com")));
        }
        describe(
                DemoData.NEWSLETTER,
                List.of("customers", "prospects"),
                List.of(Map.of("name", "contact details", "classification", "PERSONAL", "fields", List.of("email"))));
        describe(
                DemoData.ACCOUNT_MANAGEMENT,
                List.of("customers"),
                List.of(
                        Map.of("name", "contact details", "classification", "PERSONAL", "fields", List.of("email")),
                        Map.of("name", "bank details", "classification", "SENSITIVE")));
        JsonNode recipients =
                gateway.get(DPO, "/api/consents/recipients?size=500").path("items");
        Set<String> names = new HashSet<>();
        recipients.forEach(r -> names.add(r.path("recipient").path("name").asText()));
        if (!names.contains("Mailwerk GmbH")) {
            gateway.post(
                    DPO,
                    "/api/consents/recipients",
                    Map.of(
                            "name", "Mailwerk GmbH",
                            "role", "PROCESSOR",
                            "dpaReference", "AVV-2024-031",
                            "dpaDate", "2024-02-15",
                            "country", "DE",
                            "purposes", List.of(DemoData.NEWSLETTER, DemoData.EVENTS)));
        }
        if (!names.contains("Kanzlei Steuer & Partner")) {
            gateway.post(
                    DPO,
                    "/api/consents/recipients",
                    Map.of(
                            "name", "Kanzlei Steuer & Partner",
                            "role", "THIRD_PARTY",
                            "country", "DE",
                            "purposes", List.of(DemoData.ACCOUNT_MANAGEMENT),
                            "notes", "Tax advisers: invoices for the annual accounts (legal obligation)."));
        }
        step("register: controller, 2 activities, 2 recipients, a German notice (where missing)", 2);
    }

    private void describe(String purpose, List<String> subjects, List<Map<String, Object>> categories) {
        if (gateway.get(DPO, "/api/consents/register/activities/" + purpose)
                        .path("version")
                        .asInt()
                == 0) {
            gateway.put(
                    DPO,
                    "/api/consents/register/activities/" + purpose,
                    Map.of(
                            "dataSubjectCategories", subjects,
                            "personalDataCategories", categories,
                            "securityMeasures", List.of("TLS in transit", "sensitive fields sealed at rest")));
        }
    }
}
