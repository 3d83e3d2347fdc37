package org.gdprsuite.demo;

import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import static org.gdprsuite.demo.DemoLoader.step;
import static org.gdprsuite.demo.Gateway.DPO;
import static org.gdprsuite.demo.Gateway.MARKETING;

/** The demo's share of the catalogue: what the DPO and marketing set up before any person is loaded. */
final class CatalogueSetup {

    private final Gateway gateway;
    private final DemoData data;

    CatalogueSetup(Gateway gateway, DemoData data) {
        this.gateway = gateway;
        this.data = data;
    }

    /**
     * Purposes, privacy notices and subscription types, each only where missing: others' settings stay as they
     * are. No purpose has a default legal basis, so persons created by others get nothing from the demo. The
     * newsletter and the event invitations are direct marketing: a global opt-out or an objection to direct
     * marketing denies them (Art. 21(2)); the contract, business contacts and research interviews are not.
     */
    void run() {
        Map<String, Map<String, Object>> purposes = new LinkedHashMap<>();
        purposes.put(
                DemoData.ACCOUNT_MANAGEMENT,
                purpose(
                        "Customer accounts and contracts",
                        "Orders, invoices and support of customers.",
                        false,
                        false,
                        "P10Y",
                        null,
                        "identity",
                        "contact details",
                        "billing"));
        purposes.put(
                DemoData.BUSINESS_CONTACTS,
                purpose(
                        "Business relationships",
                        "Contact with prospects, partners and suppliers at their work address.",
                        false,
                        false,
                        "P3Y",
                        null,
                        "identity",
                        "contact details",
                        "professional role"));
        purposes.put(
                DemoData.NEWSLETTER,
                purpose(
                        "Monthly newsletter",
                        "Product news and offers by e-mail.",
                        true,
                        true,
                        "P2Y",
                        730,
                        "name",
                        "e-mail address"));
        purposes.put(
                DemoData.EVENTS,
                purpose(
                        "Event and webinar invitations",
                        "Invitations to our events and webinars.",
                        true,
                        true,
                        "P2Y",
                        365,
                        "name",
                        "e-mail address",
                        "access needs"));
        purposes.put(
                DemoData.RESEARCH,
                purpose(
                        "Product research interviews",
                        "Calls with our product team about how customers use the product.",
                        true,
                        false,
                        "P1Y",
                        365,
                        "name",
                        "phone",
                        "feedback"));
        purposes.forEach((key, purpose) -> {
            if (gateway.send(DPO, "GET", "/api/consents/purposes/" + key, null, null, 200, 404)
                            .status()
                    == 404) {
                gateway.put(DPO, "/api/consents/purposes/" + key, purpose);
            }
        });
        Set<String> notices = texts(gateway.get(DPO, "/api/consents/notices"), "version");
        Map.of(
                        DemoData.OLD_NOTICE,
                        data.now.minus(1000, ChronoUnit.DAYS),
                        DemoData.NOTICE,
                        data.now.minus(400, ChronoUnit.DAYS))
                .forEach((version, effective) -> {
                    if (!notices.contains(version)) {
                        gateway.post(
                                DPO,
                                "/api/consents/notices",
                                Map.of(
                                        "version",
                                        version,
                                        "effectiveAt",
                                        effective.toString(),
                                        "text",
                                        "Privacy notice " + version + " of the GDPR Suite demo company."));
                    }
                });
        Set<String> types = texts(gateway.get(MARKETING, "/api/subscriptions/types"), "key");
        Map.of(
                        DemoData.NEWSLETTER_TYPE,
                        List.of("Monthly newsletter", DemoData.NEWSLETTER),
                        DemoData.EVENTS_TYPE,
                        List.of("Events and webinars", DemoData.EVENTS))
                .forEach((key, type) -> {
                    if (!types.contains(key)) {
                        gateway.put(
                                MARKETING,
                                "/api/subscriptions/types/" + key,
                                Map.of(
                                        "name",
                                        type.get(0),
                                        "description",
                                        type.get(0) + " of the demo company.",
                                        "purposeKey",
                                        type.get(1)));
                    }
                });
        step("purposes, 2 privacy notices, 2 subscription types (where missing)", purposes.size());
    }

    private static Map<String, Object> purpose(
            String name,
            String description,
            boolean consentRequired,
            boolean directMarketing,
            String retention,
            Integer validityDays,
            String... categories) {
        Map<String, Object> purpose = new HashMap<>(Map.of(
                "name",
                name,
                "description",
                description,
                "consentRequired",
                consentRequired,
                "directMarketing",
                directMarketing,
                "retentionPeriod",
                retention,
                "dataCategories",
                List.of(categories)));
        if (validityDays != null) {
            purpose.put("consentValidityDays", validityDays);
        }
        return purpose;
    }

    private static Set<String> texts(JsonNode array, String field) {
        Set<String> values = new HashSet<>();
        array.forEach(node -> values.add(node.path(field).asText()));
        return values;
    }
}
