package org.gdprsuite.demo;

import static org.gdprsuite.demo.Gateway.as;
import static org.gdprsuite.demo.Gateway.encode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.gdprsuite.demo.DemoData.Consent;
import org.gdprsuite.demo.DemoData.Import;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.ConsentRecorded;
import org.gdprsuite.testsupport.DemoUser;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code ./suite demo}: loads the demo data set into the running suite through the gateway, as the suite's
 * users would: the catalogue by the DPO, organisations by sales, the persons as two CSV imports (with their
 * legal basis), activities by sales and support, consents from the {@code integration} client's inbound
 * endpoint and on the phone by marketing, subscriptions by marketing, a data-subject request taken by support
 * and a breach reported by sales. The breach is written last: when it exists, the demo is loaded and a second
 * run loads nothing. A run that stopped half-way is completed by the next one: imports and activities are not
 * repeated, consent events are recognised by their ids, subscriptions are set, not toggled (only the few phone
 * consents would be recorded twice).
 */
public final class DemoLoader {

    static final String INCIDENT_TITLE = "Laptop with a CRM export stolen from a car";

    private static final Supplier<String> SALES = as(DemoUser.SALES);
    private static final Supplier<String> MARKETING = as(DemoUser.MARKETING);
    private static final Supplier<String> SUPPORT = as(DemoUser.SUPPORT);
    private static final Supplier<String> DPO = as(DemoUser.DPO);

    private final Gateway gateway = new Gateway();
    private final Set<UUID> withHistory = new HashSet<>();
    private final DemoData data = DemoData.generate(DemoData.SEED, DemoData.PERSONS, Instant.now());

    public static void main(String[] args) {
        // The JSON Schema library of the event contract logs through SLF4J; the loader has no logger to give it.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        try {
            new DemoLoader().run();
        } catch (IllegalStateException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() {
        long started = System.nanoTime();
        JsonNode incident = demoIncident();
        if (incident != null) {
            System.out.println("The demo data is already loaded (breach " + incident.path("reference").asText()
                    + " of the demo is in the register); nothing was loaded.");
        } else {
            System.out.println("Loading the demo data through " + Gateway.URL + ":");
            load();
            incident = demoIncident();
            System.out.printf("Demo data loaded in %d s.%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
        }
        tryThis(incident);
    }

    private void load() {
        catalogue();
        List<UUID> organisations = organisations();
        for (Import batch : data.imports()) {
            importPersons(batch, organisations);
        }
        List<UUID> ids = personIds(organisations);
        step("activities (calls, meetings, e-mails by sales; tickets, notes by support)", data.activities.size());
        // One person's activities one after the other: each moves the person's last-activity time, and
        // contact-service answers concurrent ones for the same person with 500 (optimistic lock).
        // Persons with a history already got it from an earlier, interrupted run.
        Gateway.parallel(List.copyOf(data.activities.stream().filter(a -> !withHistory.contains(ids.get(a.person())))
                .collect(Collectors.groupingBy(DemoData.Activity::person)).values()),
                history -> history.forEach(a -> gateway.post(as(a.by()), "/api/contacts/persons/" + ids.get(a.person())
                        + "/activities", Map.of("type", a.type(), "subject", a.subject(), "body", a.body(),
                                "occurredAt", a.occurredAt().toString()))));
        consents(ids);
        step("subscription choices (opt-ins and opt-outs)", data.subscriptions.size());
        Gateway.parallel(data.subscriptions, s -> gateway.put(MARKETING, "/api/subscriptions/persons/" + ids.get(s.person())
                + "/types/" + s.type(), Map.of("subscribed", s.subscribed(), "source", s.source())));
        step("global opt-outs of all marketing", data.globalOptOuts.size());
        Gateway.parallel(data.globalOptOuts, p -> gateway.put(MARKETING, "/api/subscriptions/persons/" + ids.get(p)
                + "/global-opt-out", Map.of("optedOut", true, "source", "PHONE")));
        if (openRequest() == null) {
            step("open ACCESS request, taken by support, waiting for the DPO's approval", 1);
            gateway.post(SUPPORT, "/api/requests", Map.of("type", "ACCESS", "email", DemoData.FEATURED_EMAIL, "details",
                    "Called the support line and asked for a copy of all data we hold about her (Art. 15). "
                            + "Identity checked against her customer account."));
        }
        step("breach in the register, reported by sales 20 hours after the company became aware of it", 1);
        Instant now = Instant.now();
        Map<String, Object> report = new LinkedHashMap<>(Map.of("title", INCIDENT_TITLE, "nature", List.of("CONFIDENTIALITY"),
                "description", "A sales laptop with an unencrypted CSV export of customer contacts was stolen from a "
                        + "parked car. The export held names, business e-mail addresses, phone numbers and order history.",
                "occurredAt", now.minus(30, ChronoUnit.HOURS).toString(), "awareAt", now.minus(20, ChronoUnit.HOURS).toString(),
                "dataCategories", List.of("contact details", "order history"), "approxSubjects", 120, "approxRecords", 340,
                "likelyConsequences", "Phishing e-mails and calls pretending to come from us.",
                "measures", "Laptop account locked, CRM passwords reset, police report filed."));
        report.put("dpoContact", "dpo@example.com");
        gateway.post(SALES, "/api/incidents", report);
    }

    /**
     * Purposes, privacy notices and subscription types, each only where missing: others' settings stay as they
     * are. No purpose has a default legal basis, so persons created by others get nothing from the demo.
     */
    private void catalogue() {
        Map<String, Map<String, Object>> purposes = new LinkedHashMap<>();
        purposes.put(DemoData.ACCOUNT_MANAGEMENT, purpose("Customer accounts and contracts",
                "Orders, invoices and support of customers.", false, "P10Y", null, "identity", "contact details", "billing"));
        purposes.put(DemoData.BUSINESS_CONTACTS, purpose("Business relationships",
                "Contact with prospects, partners and suppliers at their work address.", false, "P3Y", null, "identity",
                "contact details", "professional role"));
        purposes.put(DemoData.NEWSLETTER, purpose("Monthly newsletter", "Product news and offers by e-mail.", true, "P2Y",
                730, "name", "e-mail address"));
        purposes.put(DemoData.EVENTS, purpose("Event and webinar invitations", "Invitations to our events and webinars.",
                true, "P2Y", 365, "name", "e-mail address", "access needs"));
        purposes.put(DemoData.RESEARCH, purpose("Product research interviews",
                "Calls with our product team about how customers use the product.", true, "P1Y", 365, "name", "phone",
                "feedback"));
        purposes.forEach((key, purpose) -> {
            if (gateway.send(DPO, "GET", "/api/consents/purposes/" + key, null, null, 200, 404).status() == 404) {
                gateway.put(DPO, "/api/consents/purposes/" + key, purpose);
            }
        });
        Set<String> notices = texts(gateway.get(DPO, "/api/consents/notices"), "version");
        Map.of(DemoData.OLD_NOTICE, data.now.minus(1000, ChronoUnit.DAYS), DemoData.NOTICE, data.now.minus(400, ChronoUnit.DAYS))
                .forEach((version, effective) -> {
                    if (!notices.contains(version)) {
                        gateway.post(DPO, "/api/consents/notices", Map.of("version", version, "effectiveAt", effective.toString(),
                                "text", "Privacy notice " + version + " of the GDPR Suite demo company."));
                    }
                });
        Set<String> types = texts(gateway.get(MARKETING, "/api/subscriptions/types"), "key");
        Map.of(DemoData.NEWSLETTER_TYPE, List.of("Monthly newsletter", DemoData.NEWSLETTER),
                DemoData.EVENTS_TYPE, List.of("Events and webinars", DemoData.EVENTS)).forEach((key, type) -> {
                    if (!types.contains(key)) {
                        gateway.put(MARKETING, "/api/subscriptions/types/" + key, Map.of("name", type.get(0),
                                "description", type.get(0) + " of the demo company.", "purposeKey", type.get(1)));
                    }
                });
        step("purposes, 2 privacy notices, 2 subscription types (where missing)", purposes.size());
    }

    private static Map<String, Object> purpose(String name, String description, boolean consentRequired,
            String retention, Integer validityDays, String... categories) {
        Map<String, Object> purpose = new HashMap<>(Map.of("name", name, "description", description,
                "consentRequired", consentRequired, "retentionPeriod", retention, "dataCategories", List.of(categories)));
        if (validityDays != null) {
            purpose.put("consentValidityDays", validityDays);
        }
        return purpose;
    }

    /** The ids of the demo organisations, created where missing (by name). */
    private List<UUID> organisations() {
        Map<String, UUID> existing = new HashMap<>();
        gateway.get(SALES, "/api/contacts/organisations")
                .forEach(o -> existing.put(o.path("name").asText(), UUID.fromString(o.path("id").asText())));
        step("organisations", data.organisations.size());
        return data.organisations.stream().map(o -> existing.computeIfAbsent(o.name(), name -> UUID.fromString(gateway
                .post(SALES, "/api/contacts/organisations", Map.of("name", name, "website", o.website())).path("id").asText())))
                .toList();
    }

    /** One CSV import (all rows or none) by the DPO, who may write the sensitive fields; skipped if done before. */
    private void importPersons(Import batch, List<UUID> organisations) {
        boolean done = personId(data.persons.get(batch.persons().get(0)).email()) != null;
        step("persons imported from " + batch.source() + " (" + batch.legalBasis() + " for " + batch.purpose() + ")"
                + (done ? ", by an earlier run" : ""), batch.persons().size());
        if (!done) {
            gateway.send(DPO, "POST", "/api/contacts/imports?source=" + batch.source() + "&purpose=" + batch.purpose()
                    + "&legalBasis=" + batch.legalBasis(), "text/csv", data.csv(batch.persons(), organisations), 201);
        }
    }

    /**
     * The ids the imports gave the demo persons (every demo person works for a demo organisation), and which of
     * them have activities already.
     */
    private List<UUID> personIds(List<UUID> organisations) {
        Map<String, UUID> byEmail = new HashMap<>();
        for (DemoData.Organisation organisation : data.organisations) {
            for (int page = 0;; page++) {
                JsonNode result = gateway.get(SALES, "/api/contacts/persons?size=500&page=" + page + "&organisation="
                        + encode(organisation.name()));
                result.path("items").forEach(p -> {
                    UUID id = UUID.fromString(p.path("id").asText());
                    byEmail.put(p.path("email").asText(), id);
                    if (!p.path("lastActivityAt").isNull()) {
                        withHistory.add(id);
                    }
                });
                if ((page + 1) * 500L >= result.path("total").asLong()) {
                    break;
                }
            }
        }
        List<UUID> ids = data.persons.stream().map(p -> byEmail.get(p.email())).toList();
        long missing = ids.stream().filter(id -> id == null).count();
        if (missing > 0) {
            throw new IllegalStateException(missing + " demo persons were not found after the import");
        }
        return ids;
    }

    /**
     * Web-form and e-mail decisions arrive as {@code consent.recorded} CloudEvents from the integration client,
     * with ids derived from their place in the data set so that a repeated run is recognised as a duplicate;
     * phone consents are recorded by marketing staff.
     */
    private void consents(List<UUID> ids) {
        List<Integer> indexes = java.util.stream.IntStream.range(0, data.consents.size()).boxed().toList();
        List<Integer> inbound = indexes.stream().filter(i -> !data.consents.get(i).source().equals("MANUAL")).toList();
        step("consent decisions from the integration client (granted, withdrawn, pending, denied)", inbound.size());
        Gateway.parallel(inbound, i -> {
            Consent c = data.consents.get(i);
            UUID person = ids.get(c.person());
            ConsentRecorded recorded = new ConsentRecorded(person, c.purpose(), c.status(), "CONSENT", c.effectiveAt(),
                    c.source(), c.channel(), c.noticeVersion(), c.ip() == null ? null
                            : new ConsentRecorded.Evidence(c.ip(), c.userAgent(), c.formId()));
            CloudEvent fresh = CloudEvent.of("urn:gdpr-suite-demo:web-forms", EventType.CONSENT_RECORDED, person.toString(), recorded);
            CloudEvent event = new CloudEvent(fresh.specversion(), UUID.nameUUIDFromBytes(("gdpr-suite-demo/consent/" + i)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString(), fresh.source(), fresh.type(),
                    fresh.subject(), c.effectiveAt(), fresh.datacontenttype(), fresh.data());
            gateway.send(Gateway.integration(), "POST", "/api/consents/inbound", CloudEvent.STRUCTURED_CONTENT_TYPE,
                    EventCodec.toJson(event), 200, 201);
        });
        List<Consent> manual = data.consents.stream().filter(c -> c.source().equals("MANUAL")).toList();
        step("consents to research interviews given on the phone, recorded by marketing", manual.size());
        Gateway.parallel(manual, c -> gateway.post(MARKETING, "/api/consents/persons/" + ids.get(c.person()) + "/purposes/"
                + c.purpose(), Map.of("legalBasis", "CONSENT", "status", c.status(), "effectiveAt", c.effectiveAt().toString(),
                        "source", c.source(), "channel", c.channel(), "noticeVersion", c.noticeVersion())));
    }

    private void tryThis(JsonNode incident) {
        UUID erika = personId(DemoData.FEATURED_EMAIL);
        JsonNode request = openRequest();
        String link = gateway.send(MARKETING, "POST", "/api/subscriptions/persons/" + erika + "/preferences-link", null, null,
                200).body().path("link").asText();
        String api = Gateway.URL + "/api";
        System.out.printf("""

                Erika Mustermann (%s) is the demo's guide: a customer with a birth date, activities, consents,
                subscriptions and an open access request. Tokens live 5 minutes; run ./suite token again when curl says 401.

                  S=$(./suite token sales); M=$(./suite token marketing); F=$(./suite token finance); D=$(./suite token dpo)
                  curl -s -H "Authorization: Bearer $S" '%s/contacts/persons?q=mustermann'        # the person, as sales
                  curl -s -H "Authorization: Bearer $M" %s/contacts/persons/%s   # no birthDate for marketing
                  curl -s -H "Authorization: Bearer $F" %s/contacts/persons/%s   # finance sees it
                  curl -s -H "Authorization: Bearer $S" %s/contacts/persons/%s/activities
                  curl -s -H "Authorization: Bearer $S" %s/consents/persons/%s
                  curl -s -H "Authorization: Bearer $M" '%s/subscriptions/types/%s/audience?size=5'
                  curl -s -H "Authorization: Bearer $D" %s/contacts/compliance-report
                  curl -s -H "Authorization: Bearer $D" '%s/requests?status=VERIFIED'              # the open request
                  curl -s -X POST -H "Authorization: Bearer $D" %s/requests/%s/approval   # approve it: the export link is mailed
                  curl -s -H "Authorization: Bearer $D" %s/incidents/%s   # breach %s: secondsToDeadline of the 72 hours

                  Preference centre of Erika Mustermann (open in a browser): %s
                  Mail the suite sent: http://127.0.0.1:2580/api/user  (hers: http://127.0.0.1:2580/api/user/%s/messages)
                """, erika, api, api, erika, api, erika, api, erika, api, erika, api, DemoData.NEWSLETTER_TYPE, api, api, api,
                request == null ? "<request id>" : request.path("id").asText(), api, incident.path("id").asText(),
                incident.path("reference").asText(), link, DemoData.FEATURED_EMAIL);
    }

    /** The demo breach, the last thing a load writes; null before. */
    private JsonNode demoIncident() {
        return StreamSupport.stream(gateway.get(DPO, "/api/incidents").path("items").spliterator(), false)
                .filter(i -> INCIDENT_TITLE.equals(i.path("title").asText())).findFirst().orElse(null);
    }

    /** Erika Mustermann's access request while it waits for approval. */
    private JsonNode openRequest() {
        return StreamSupport.stream(gateway.get(SUPPORT, "/api/requests?status=VERIFIED&size=500").path("items").spliterator(), false)
                .filter(r -> DemoData.FEATURED_EMAIL.equals(r.path("email").asText()) && "ACCESS".equals(r.path("type").asText()))
                .findFirst().orElse(null);
    }

    private UUID personId(String email) {
        JsonNode items = gateway.get(SALES, "/api/contacts/persons?size=1&email=" + encode(email)).path("items");
        return items.isEmpty() ? null : UUID.fromString(items.get(0).path("id").asText());
    }

    private static Set<String> texts(JsonNode array, String field) {
        Set<String> values = new HashSet<>();
        array.forEach(node -> values.add(node.path(field).asText()));
        return values;
    }

    private static void step(String what, int count) {
        System.out.printf("  %-90s %6d%n", what, count);
    }
}
