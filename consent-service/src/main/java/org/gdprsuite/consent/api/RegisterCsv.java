package org.gdprsuite.consent.api;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.gdprsuite.consent.api.RegisterResource.RegisterView;
import org.gdprsuite.consent.domain.ProcessingRegister.Entry;
import org.gdprsuite.consent.domain.RegisterEntries.Contact;
import org.gdprsuite.consent.domain.RegisterEntries.Controller;
import org.gdprsuite.consent.domain.SuiteSystems.SuiteSystem;

/**
 * The record of processing activities as CSV (RFC 4180): one row per purpose, the controller and its DPO on each
 * row, so that the sheet stands alone; after an empty line, the systems of the suite that hold personal data (one
 * row each, under a header of their own), or a row saying that list is unavailable. A cell a spreadsheet would take
 * for a formula is prefixed with '.
 */
final class RegisterCsv {

    static final List<String> HEADER = List.of(
            "purpose",
            "name",
            "description",
            "legal basis",
            "article",
            "categories of data subjects",
            "categories of personal data",
            "recipients",
            "transfers to third countries",
            "retention period",
            "security measures",
            "controller",
            "data protection officer",
            "version",
            "changed by",
            "changed at");

    static final List<String> SYSTEMS_HEADER =
            List.of("system of the suite", "data held", "DSR actions answered", "version");

    static final String SYSTEMS_UNAVAILABLE =
            "The systems of the suite are unavailable: erasure-service did not answer.";

    private RegisterCsv() {}

    static String of(RegisterView register) {
        Controller controller =
                register.controller() == null ? null : register.controller().document();
        StringBuilder csv = new StringBuilder();
        line(csv, HEADER);
        for (Entry e : register.activities()) {
            line(
                    csv,
                    Stream.of(
                                    e.purpose(),
                                    e.name(),
                                    e.description(),
                                    e.legalBasis() == null
                                            ? null
                                            : e.legalBasis().name(),
                                    e.legalBasisArticle(),
                                    join(e.activity().dataSubjectCategories(), Function.identity()),
                                    join(
                                            e.activity().personalDataCategories(),
                                            c -> c.name() + " (" + c.classification()
                                                    + (c.fields() == null
                                                                    || c.fields()
                                                                            .isEmpty()
                                                            ? ""
                                                            : ": " + String.join(", ", c.fields()))
                                                    + ")"),
                                    join(
                                            Stream.concat(
                                                            e.registeredRecipients().stream()
                                                                    .map(r -> r.name() + " (" + r.role() + ", "
                                                                            + r.country() + ")"),
                                                            e.activity().recipients().stream()
                                                                    .map(r -> r.name()
                                                                            + (r.role() == null
                                                                                    ? ""
                                                                                    : " (" + r.role() + ")")))
                                                    .toList(),
                                            Function.identity()),
                                    join(
                                            e.activity().transfers(),
                                            t -> t.recipient() + ", " + t.country() + ": " + t.safeguard()),
                                    e.retentionPeriod(),
                                    join(e.activity().securityMeasures(), Function.identity()),
                                    controller == null ? null : controller.name(),
                                    controller == null ? null : contact(controller.dpo()),
                                    String.valueOf(e.version()),
                                    e.changedBy(),
                                    e.changedAt() == null ? null : e.changedAt().toString())
                            .toList());
        }
        csv.append("\r\n");
        line(csv, SYSTEMS_HEADER);
        if (!register.suiteSystems().available()) {
            line(csv, List.of(SYSTEMS_UNAVAILABLE));
        }
        for (SuiteSystem system : register.suiteSystems().systems()) {
            line(
                    csv,
                    Arrays.asList(
                            system.name(),
                            system.slice(),
                            join(system.actions(), Function.identity()),
                            system.version()));
        }
        return csv.toString();
    }

    private static String contact(Contact c) {
        return c == null
                ? null
                : Stream.of(c.name(), c.email(), c.phone())
                        .filter(v -> v != null && !v.isBlank())
                        .collect(Collectors.joining(", "));
    }

    private static <T> String join(List<T> values, Function<T, String> text) {
        return values.stream().map(text).collect(Collectors.joining("; "));
    }

    private static void line(StringBuilder csv, List<String> cells) {
        csv.append(cells.stream().map(RegisterCsv::cell).collect(Collectors.joining(",")))
                .append("\r\n");
    }

    /** One cell: quoted when it holds a separator, a quote or a line break; never read as a formula. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
