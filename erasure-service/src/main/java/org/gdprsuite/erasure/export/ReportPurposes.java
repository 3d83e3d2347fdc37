package org.gdprsuite.erasure.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gdprsuite.erasure.export.ReportView.Controller;
import org.gdprsuite.erasure.export.ReportView.Purpose;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The "why, since when, for how long, who received it" of the report (Art. 15(1)(a), (c), (d), (g), 15(2)), from
 * consent-service's slice entries: their current legal bases and ledger, and the {@code register} excerpt each entry
 * carries (the controller; per purpose its name, retention period, registered recipients, the register's own list
 * of recipients, and transfers).
 */
final class ReportPurposes {

    /** {@code registerKnown}: a consent slice carried the register, so an empty recipient list means "none". */
    record Section(
            Controller who,
            List<Purpose> purposes,
            List<List<String>> recipients,
            List<List<String>> transfers,
            boolean registerKnown) {}

    private ReportPurposes() {}

    static Section of(List<JsonNode> consents, ReportTexts t, Controller configured) {
        JsonNode register = null;
        Map<String, JsonNode> described = new LinkedHashMap<>();
        for (JsonNode entry : consents) {
            JsonNode excerpt = entry.path("register");
            if (excerpt.isObject()) {
                register = register == null ? excerpt : register;
                excerpt.path("purposes")
                        .forEach(p -> described.putIfAbsent(p.path("purpose").asText(), p));
            }
        }

        List<Purpose> purposes = new ArrayList<>();
        for (JsonNode entry : consents) {
            Map<String, JsonNode> records = new LinkedHashMap<>();
            entry.path("ledger").forEach(r -> records.put(r.path("id").asText(), r));
            entry.path("current").forEach(state -> {
                String key = state.path("purpose").asText();
                JsonNode about = described.get(key);
                JsonNode record = records.get(state.path("recordId").asText());
                String retention =
                        about == null ? "" : about.path("retentionPeriod").asText("");
                purposes.add(new Purpose(
                        about == null ? key : about.path("name").asText(key),
                        t.labelOr("basis.", state.path("legalBasis").asText("")),
                        state.path("status").asText(""),
                        t.date(state.path("since").asText()),
                        t.date(state.path("until").asText()),
                        record == null ? "" : source(record, t),
                        retention.isBlank() ? t.of("why.retention.notice") : t.period(retention)));
            });
        }

        Map<String, List<String>> recipients = new LinkedHashMap<>();
        List<List<String>> transfers = new ArrayList<>();
        described.values().forEach(p -> {
            String purpose = p.path("name").asText(p.path("purpose").asText());
            p.path("registeredRecipients").forEach(r -> receives(recipients, r, t, purpose));
            p.path("recipients").forEach(r -> receives(recipients, r, t, purpose));
            p.path("transfers").forEach(x -> {
                List<String> transfer = List.of(
                        x.path("recipient").asText(""),
                        x.path("country").asText(""),
                        x.path("safeguard").asText(""));
                if (!transfers.contains(transfer)) {
                    transfers.add(transfer);
                }
            });
        });
        List<List<String>> rows = new ArrayList<>();
        recipients.forEach((key, row) -> rows.add(List.copyOf(row)));
        return new Section(
                register == null ? configured : controller(register.path("controller"), configured),
                purposes,
                rows,
                transfers,
                register != null);
    }

    /**
     * A recipient's row (name, role, country, purposes), one per name: the register's own list may name a
     * registered recipient again.
     */
    private static void receives(Map<String, List<String>> rows, JsonNode r, ReportTexts t, String purpose) {
        String name = r.path("name").asText("");
        if (name.isBlank()) {
            return;
        }
        List<String> row = rows.computeIfAbsent(
                name.toLowerCase(java.util.Locale.ROOT),
                k -> new ArrayList<>(List.of(
                        name,
                        t.labelOr("role.", r.path("role").asText("")),
                        r.path("country").asText(""),
                        "")));
        String purposes = row.get(3);
        if (!List.of(purposes.split(", ")).contains(purpose)) {
            row.set(3, purposes.isEmpty() ? purpose : purposes + ", " + purpose);
        }
    }

    /** How the basis came about: the ledger record's source, and its channel when named. */
    private static String source(JsonNode record, ReportTexts t) {
        String source = t.labelOr("consentSource.", record.path("source").asText(""));
        String channel = record.path("channel").asText("");
        return channel.isBlank() || "null".equals(channel) ? source : source + " · " + channel;
    }

    private static Controller controller(JsonNode controller, Controller configured) {
        if (!controller.isObject() || controller.path("name").asText("").isBlank()) {
            return configured;
        }
        JsonNode dpo = controller.path("dpo");
        return new Controller(
                controller.path("name").asText(),
                controller.path("address").asText(""),
                PersonalDataReport.join(
                        controller.path("email").asText(""),
                        controller.path("phone").asText("")),
                PersonalDataReport.join(
                        dpo.path("name").asText(""),
                        PersonalDataReport.join(
                                dpo.path("email").asText(""), dpo.path("phone").asText(""))),
                true);
    }
}
