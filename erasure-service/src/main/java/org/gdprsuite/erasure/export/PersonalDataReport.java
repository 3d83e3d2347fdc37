package org.gdprsuite.erasure.export;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import org.gdprsuite.erasure.export.ReportView.Controller;
import org.gdprsuite.erasure.export.ReportView.Kind;
import org.gdprsuite.erasure.export.ReportView.Line;
import org.gdprsuite.erasure.export.ReportView.Row;
import org.gdprsuite.erasure.export.ReportView.View;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The access export as a report a person reads (Art. 15(1)), built from the bundle's slices: grouped by what the data
 * is, not by the service that holds it. Pure; the words come from {@link ReportTexts}, the controller from the
 * register when consent-service's slice carries it, else from the configuration ({@link Controller}).
 *
 * <p>Purposes, retention periods, recipients and the controller come from the {@code register} excerpt of
 * consent-service's slice entries ({@link ReportPurposes}); an export without it (an older participant, a held
 * slice) says so instead of listing recipients.
 */
public final class PersonalDataReport {

    static final String CONTACTS = "contact-service";
    static final String CONSENTS = "consent-service";
    static final String SUBSCRIPTIONS = "subscription-service";
    static final String INCIDENTS = "incident-service";
    static final String READS = "gateway";
    private static final List<String> KNOWN = List.of(CONTACTS, CONSENTS, SUBSCRIPTIONS, INCIDENTS, READS);

    private static final List<String> IDENTITY =
            List.of("firstName", "lastName", "email", "phone", "street", "postalCode", "city", "country");
    private static final List<String> WORK = List.of("organisation", "jobTitle", "category", "owner");
    /** What the record keeps about itself or its origin: shown under sources, or not at all. */
    private static final List<String> NOT_HELD = List.of(
            "id",
            "organisationId",
            "restricted",
            "anonymized",
            "lastActivityAt",
            "createdAt",
            "updatedAt",
            "version",
            "source",
            "collectedAt",
            "collectedBy");

    private PersonalDataReport() {}

    public static View of(JsonNode bundle, ReportTexts t, Controller configured) {
        JsonNode slices = bundle.path("slices");
        List<JsonNode> contacts = entries(slices.path(CONTACTS));
        List<JsonNode> consents = entries(slices.path(CONSENTS));
        List<JsonNode> subscriptions = entries(slices.path(SUBSCRIPTIONS));
        ReportPurposes.Section why = ReportPurposes.of(consents, t, configured);

        List<Row> identity = new ArrayList<>();
        List<Row> work = new ArrayList<>();
        List<Row> sensitive = new ArrayList<>();
        List<Row> special = new ArrayList<>();
        List<Row> other = new ArrayList<>();
        List<Row> sources = new ArrayList<>();
        List<Line> activities = new ArrayList<>();
        for (JsonNode entry : contacts) {
            JsonNode person = entry.path("person");
            JsonNode classes = entry.path("classification");
            add(work, t, "organisation", entry.path("organisation"));
            person.fields().forEachRemaining(field -> {
                String name = field.getKey();
                String kind = classes.path(name).asText("PERSONAL");
                if (NOT_HELD.contains(name)) {
                    return;
                }
                List<Row> group = "SPECIAL_CATEGORY".equals(kind)
                        ? special
                        : "SENSITIVE".equals(kind)
                                ? sensitive
                                : IDENTITY.contains(name) ? identity : WORK.contains(name) ? work : other;
                add(group, t, name, field.getValue());
            });
            addText(sources, t.of("source.source"), person.path("source").asText(""));
            addText(
                    sources,
                    t.of("source.collectedAt"),
                    t.date(person.path("collectedAt").asText("")));
            addText(
                    sources,
                    t.of("source.collectedBy"),
                    person.path("collectedBy").asText(""));
            addText(
                    sources,
                    t.of("source.createdAt"),
                    t.date(person.path("createdAt").asText("")));
            entry.path("activities")
                    .forEach(a -> activities.add(new Line(
                            t.date(a.path("occurredAt").asText()),
                            List.of(a.path("type").asText(""), a.path("subject").asText("")))));
        }

        List<Line> consentLines = new ArrayList<>();
        List<Line> informed = new ArrayList<>();
        for (JsonNode entry : consents) {
            entry.path("ledger")
                    .forEach(r -> consentLines.add(new Line(
                            t.date(r.path("effectiveAt").asText()),
                            List.of(
                                    r.path("purpose").asText(""),
                                    r.path("status").asText("") + " · "
                                            + t.labelOr(
                                                    "basis.",
                                                    r.path("legalBasis").asText("")),
                                    join(
                                            r.path("source").asText(""),
                                            r.path("channel").asText("")),
                                    r.path("noticeVersion").asText("")))));
            entry.path("informed")
                    .forEach(i -> informed.add(new Line(
                            t.date(i.path("sentAt").asText(i.path("dueAt").asText())),
                            List.of(i.path("template").asText(""), strings(i.path("purposes"))))));
        }

        List<Row> subscribed = new ArrayList<>();
        List<Line> history = new ArrayList<>();
        List<Line> deliveries = new ArrayList<>();
        boolean globalOptOut = false;
        for (JsonNode entry : subscriptions) {
            JsonNode preferences = entry.path("preferences");
            globalOptOut |= preferences.path("globalOptOut").asBoolean(false);
            preferences
                    .path("subscriptions")
                    .fields()
                    .forEachRemaining(s -> subscribed.add(new Row(
                            s.getKey(), t.of(s.getValue().asBoolean() ? "subscriptions.on" : "subscriptions.off"))));
            entry.path("history")
                    .forEach(h -> history.add(new Line(
                            t.date(h.path("at").asText()),
                            List.of(
                                    h.path("type").asText(""),
                                    t.of(h.path("subscribed").asBoolean() ? "subscriptions.on" : "subscriptions.off"),
                                    join(
                                            h.path("source").asText(""),
                                            h.path("by").asText(""))))));
            entry.path("deliveries")
                    .forEach(d -> deliveries.add(new Line(
                            t.date(d.path("sentAt").asText()),
                            List.of(d.path("template").asText("")))));
        }

        List<Line> incidents = new ArrayList<>();
        JsonNode incidentSlice = slices.path(INCIDENTS);
        incidentSlice
                .path("affectedBy")
                .forEach(i -> incidents.add(new Line(
                        t.date(i.path("awareAt").asText()),
                        List.of(
                                i.path("incident").asText(""),
                                i.path("nature").asText(""),
                                t.date(i.path("notifiedAt").asText())))));
        incidentSlice
                .path("reported")
                .forEach(i -> incidents.add(new Line(
                        t.date(i.path("reportedAt").asText()),
                        List.of(i.path("incident").asText(""), t.of("incidents.reported"), ""))));

        List<Line> reads = new ArrayList<>();
        slices.path(READS)
                .path("reads")
                .forEach(r -> reads.add(new Line(
                        t.date(r.path("at").asText()),
                        List.of(
                                r.path("role").asText(""),
                                r.path("area").asText("") + " ("
                                        + r.path("method").asText("") + ")"))));

        List<Row> kept = new ArrayList<>();
        slices.fields().forEachRemaining(s -> {
            if (s.getValue().has("heldFor")) {
                kept.add(new Row(s.getKey(), s.getValue().path("heldFor").asText()));
            } else if (!KNOWN.contains(s.getKey())) {
                flatten(other, t, "", s.getValue()); // a participant the report does not know yet: shown as it is
            }
        });

        List<Kind> held = List.of(
                new Kind(t.of("kind.identity"), identity, identity.size(), null),
                new Kind(t.of("kind.work"), work, work.size(), null),
                new Kind(t.of("kind.sensitive"), sensitive, sensitive.size(), null),
                new Kind(t.of("kind.special"), special, special.size(), null),
                new Kind(t.of("kind.other"), other, other.size(), null),
                new Kind(t.of("kind.activities"), List.of(), activities.size(), "activities"),
                new Kind(t.of("kind.consents"), List.of(), consentLines.size(), "consents"),
                new Kind(t.of("kind.subscriptions"), List.of(), subscribed.size() + history.size(), "subscriptions"),
                new Kind(t.of("kind.requests"), List.of(), 1 + informed.size(), "requests"),
                new Kind(t.of("kind.incidents"), List.of(), incidents.size(), "incidents"),
                new Kind(t.of("kind.reads"), List.of(), reads.size(), "reads"));
        return new View(
                t.lang(),
                why.who(),
                held,
                why.purposes(),
                sources,
                why.recipients(),
                why.transfers(),
                why.registerKnown(),
                consentLines,
                subscribed,
                globalOptOut,
                history,
                deliveries,
                activities,
                informed,
                incidents,
                reads,
                kept,
                bundle.path("type").asText(""),
                bundle.path("requestId").asText(""),
                t.date(bundle.path("generatedAt").asText()));
    }

    /** A slice's entries: one per person (or pending subject) for the slices kept per person, else the slice. */
    private static List<JsonNode> entries(JsonNode slice) {
        if (slice.isArray()) {
            return StreamSupport.stream(slice.spliterator(), false).toList();
        }
        return slice.isObject() && !slice.has("heldFor") ? List.of(slice) : List.of();
    }

    private static void add(List<Row> group, ReportTexts t, String field, JsonNode value) {
        String text = value.isValueNode() ? value.asText() : value.isNull() ? "" : value.toString();
        if (!value.isNull() && !value.isMissingNode() && !text.isBlank() && !"{}".equals(text)) {
            group.add(new Row(
                    t.labelOr("field.", field), value.isTextual() && field.endsWith("At") ? t.date(text) : text));
        }
    }

    /** Every value of an unknown slice, labelled with its field name (and position in a list). */
    private static void flatten(List<Row> rows, ReportTexts t, String name, JsonNode node) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> flatten(rows, t, f.getKey(), f.getValue()));
        } else if (node.isArray()) {
            node.forEach(item -> flatten(rows, t, name, item));
        } else if (!node.isNull() && !node.asText().isBlank()) {
            rows.add(new Row(name.isEmpty() ? "" : t.labelOr("field.", name), node.asText()));
        }
    }

    private static void addText(List<Row> rows, String label, String value) {
        if (value != null && !value.isBlank() && !"null".equals(value)) {
            rows.add(new Row(label, value));
        }
    }

    private static String strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(", ", values);
    }

    static String join(String a, String b) {
        return a.isBlank() ? b : b.isBlank() ? a : a + " · " + b;
    }
}
