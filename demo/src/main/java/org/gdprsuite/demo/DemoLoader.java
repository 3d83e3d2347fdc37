package org.gdprsuite.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.gdprsuite.demo.DemoData.Import;

import com.fasterxml.jackson.databind.JsonNode;

import static org.gdprsuite.demo.Gateway.DPO;
import static org.gdprsuite.demo.Gateway.MARKETING;
import static org.gdprsuite.demo.Gateway.SALES;
import static org.gdprsuite.demo.Gateway.SUPPORT;
import static org.gdprsuite.demo.Gateway.as;

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

    private final Gateway gateway = new Gateway();
    private final DemoData data = DemoData.generate(DemoData.SEED, DemoData.PERSONS, Instant.now());
    private final PersonImport persons = new PersonImport(gateway, data);

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
            System.out.println("The demo data is already loaded (breach "
                    + incident.path("reference").asText() + " of the demo is in the register); nothing was loaded.");
        } else {
            System.out.println("Loading the demo data through " + Gateway.URL + ":");
            load();
            incident = demoIncident();
            System.out.printf(
                    "Demo data loaded in %d s.%n",
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
        }
        new Walkthrough(gateway).print(persons.personId(DemoData.FEATURED_EMAIL), incident, openRequest());
    }

    /** The steps in the order the services need them: each refers to what the ones before created. */
    private void load() {
        new CatalogueSetup(gateway, data).run();
        new RegisterSetup(gateway, data).run();
        List<UUID> organisations = persons.organisations();
        for (Import batch : data.imports()) {
            persons.importPersons(batch, organisations);
        }
        List<UUID> ids = persons.personIds(organisations);
        step("activities (calls, meetings, e-mails by sales; tickets, notes by support)", data.activities.size());
        // One person's activities one after the other: each moves the person's last-activity time, and
        // contact-service answers concurrent ones for the same person with 500 (optimistic lock).
        // Persons with a history already got it from an earlier, interrupted run.
        Gateway.parallel(
                List.copyOf(data.activities.stream()
                        .filter(a -> !persons.hasHistory(ids.get(a.person())))
                        .collect(Collectors.groupingBy(DemoData.Activity::person))
                        .values()),
                history -> history.forEach(a -> gateway.post(
                        as(a.by()),
                        "/api/contacts/persons/" + ids.get(a.person()) + "/activities",
                        Map.of(
                                "type",
                                a.type(),
                                "subject",
                                a.subject(),
                                "body",
                                a.body(),
                                "occurredAt",
                                a.occurredAt().toString()))));
        new ConsentUpload(gateway, data).run(ids);
        step("subscription choices (opt-ins and opt-outs)", data.subscriptions.size());
        Gateway.parallel(
                data.subscriptions,
                s -> gateway.put(
                        MARKETING,
                        "/api/subscriptions/persons/" + ids.get(s.person()) + "/types/" + s.type(),
                        Map.of("subscribed", s.subscribed(), "source", s.source())));
        step("global opt-outs of all marketing", data.globalOptOuts.size());
        Gateway.parallel(
                data.globalOptOuts,
                p -> gateway.put(
                        MARKETING,
                        "/api/subscriptions/persons/" + ids.get(p) + "/global-opt-out",
                        Map.of("optedOut", true, "source", "PHONE")));
        if (openRequest() == null) {
            step("open ACCESS request, taken by support, waiting for the DPO's approval", 1);
            gateway.post(
                    SUPPORT,
                    "/api/requests",
                    Map.of(
                            "type",
                            "ACCESS",
                            "email",
                            DemoData.FEATURED_EMAIL,
                            "details",
                            "Called the support line and asked for a copy of all data we hold about her (Art. 15). "
                                    + "Identity checked against her customer account."));
        }
        step("breach in the register, reported by sales 20 hours after the company became aware of it", 1);
        Instant now = Instant.now();
        Map<String, Object> report = new LinkedHashMap<>(Map.of(
                "title",
                INCIDENT_TITLE,
                "nature",
                List.of("CONFIDENTIALITY"),
                "description",
                "A sales laptop with an unencrypted CSV export of customer contacts was stolen from a "
                        + "parked car. The export held names, business e-mail addresses, phone numbers and order history.",
                "occurredAt",
                now.minus(30, ChronoUnit.HOURS).toString(),
                "awareAt",
                now.minus(20, ChronoUnit.HOURS).toString(),
                "dataCategories",
                List.of("contact details", "order history"),
                "approxSubjects",
                120,
                "approxRecords",
                340,
                "likelyConsequences",
                "Phishing e-mails and calls pretending to come from us.",
                "measures",
                "Laptop account locked, CRM passwords reset, police report filed."));
        report.put("dpoContact", "dpo@example.com");
        gateway.post(SALES, "/api/incidents", report);
    }

    /** The demo breach, the last thing a load writes; null before. */
    private JsonNode demoIncident() {
        return StreamSupport.stream(
                        gateway.get(DPO, "/api/incidents").path("items").spliterator(), false)
                .filter(i -> INCIDENT_TITLE.equals(i.path("title").asText()))
                .findFirst()
                .orElse(null);
    }

    /** Erika Mustermann's access request while it waits for approval. */
    private JsonNode openRequest() {
        return StreamSupport.stream(
                        gateway.get(SUPPORT, "/api/requests?status=VERIFIED&size=500")
                                .path("items")
                                .spliterator(),
                        false)
                .filter(r -> DemoData.FEATURED_EMAIL.equals(r.path("email").asText())
                        && "ACCESS".equals(r.path("type").asText()))
                .findFirst()
                .orElse(null);
    }

    /** One line of the load's progress: what was loaded, and how many. */
    static void step(String what, int count) {
        System.out.printf("  %-90s %6d%n", what, count);
    }
}
