package org.gdprsuite.erasure.export;

import java.util.List;
import java.util.Locale;

import org.gdprsuite.erasure.export.ReportView.Controller;
import org.gdprsuite.erasure.export.ReportView.Kind;
import org.gdprsuite.erasure.export.ReportView.Row;
import org.gdprsuite.erasure.export.ReportView.View;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class PersonalDataReportTest {

    private static final Controller CONFIGURED = new Controller("Example GmbH", "", "privacy@example.org", "", false);

    private static final String BUNDLE = """
            {"requestId": "r-1", "type": "ACCESS", "generatedAt": "2026-12-04T00:00:00Z", "personIds": ["p-1"],
             "slices": {
              "contact-service": [{"person": {"id": "p-1", "firstName": "Ada", "email": "ada@example.org",
                  "jobTitle": "Engineer", "healthNotes": "asthma", "bankAccount": "DE00", "source": "web form",
                  "collectedAt": "2025-01-02T10:00:00Z", "createdAt": "2025-01-02T10:00:00Z", "version": 3},
                "organisation": "Analytical Engines Ltd",
                "activities": [{"type": "CALL", "subject": "Renewal", "occurredAt": "2026-01-01T09:00:00Z"}],
                "classification": {"firstName": "PERSONAL", "email": "PERSONAL", "jobTitle": "PERSONAL",
                  "healthNotes": "SPECIAL_CATEGORY", "bankAccount": "SENSITIVE"}}],
              "consent-service": [{"personId": "p-1",
                "current": [{"purpose": "newsletter", "legalBasis": "CONSENT", "status": "GIVEN",
                  "since": "2025-02-01T00:00:00Z", "recordId": "c-1"}],
                "ledger": [{"id": "c-1", "purpose": "newsletter", "legalBasis": "CONSENT", "status": "GIVEN",
                  "effectiveAt": "2025-02-01T00:00:00Z", "source": "WEB_FORM", "noticeVersion": "v1"}],
                "informed": []}],
              "subscription-service": [{"personId": "p-1",
                "preferences": {"subscriptions": {"product-news": true}, "globalOptOut": false},
                "history": [{"type": "product-news", "subscribed": true, "at": "2025-02-01T00:00:00Z"}],
                "deliveries": []}],
              "incident-service": {"heldFor": "Art. 17(3)(b): the breach register"},
              "gateway": {"reads": [{"at": "2026-03-01T12:00:00Z", "role": "sales", "area": "contacts",
                "method": "GET"}]},
              "beta-service": {"nickname": "<b>Countess</b>"}
             }}
            """;

    @Test
    void theDataIsGroupedByKindNotByService() throws Exception {
        View view = PersonalDataReport.of(bundle(BUNDLE), ReportTexts.of(null, List.of()), CONFIGURED);

        assertEquals("en", view.lang());
        assertEquals(
                List.of(new Row("First name", "Ada"), new Row("E-mail address", "ada@example.org")), kind(view, 0));
        assertTrue(kind(view, 1).contains(new Row("Organisation", "Analytical Engines Ltd")));
        assertEquals(List.of(new Row("Bank account", "DE00")), kind(view, 2));
        assertEquals(List.of(new Row("Health notes", "asthma")), kind(view, 3));
        assertTrue(kind(view, 4).contains(new Row("nickname", "<b>Countess</b>")), "an unknown slice is shown too");
        assertTrue(view.sources().contains(new Row("Source", "web form")));
        assertEquals("Your consent (Art. 6(1)(a) GDPR)", view.purposes().get(0).basis());
        assertEquals(1, view.consents().size());
        assertEquals(List.of(new Row("product-news", "subscribed")), view.subscriptions());
        assertEquals(List.of("sales", "contacts (GET)"), view.reads().get(0).cells());
        assertEquals("incident-service", view.kept().get(0).label());
        assertEquals(CONFIGURED, view.who());
        assertFalse(view.recipientsKnown(), "no register reached the export: the report says so");
        assertEquals(
                "As stated in our privacy notice for this purpose",
                view.purposes().get(0).retention());
    }

    @Test
    void theRegisterInConsentServicesSliceNamesControllerRetentionAndRecipients() throws Exception {
        JsonNode bundle = bundle(BUNDLE);
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                        bundle.path("slices").path("consent-service").get(0))
                .set("register", bundle("""
                        {"controller": {"name": "Suite AG", "email": "info@suite.example",
                                        "dpo": {"name": "Dana", "email": "dpo@suite.example"}},
                         "purposes": [{"purpose": "newsletter", "name": "Newsletter", "retentionPeriod": "P2Y",
                           "registeredRecipients": [{"name": "Mailer Inc", "role": "PROCESSOR", "country": "IE"}],
                           "recipients": [{"name": "mailer inc", "role": "processor"},
                                          {"name": "Print shop", "role": "printing", "country": "DE"}],
                           "transfers": [{"country": "US", "recipient": "Mailer Inc",
                                          "safeguard": "Standard contractual clauses"}]}]}
                        """));

        View view = PersonalDataReport.of(bundle, ReportTexts.of(null, List.of(Locale.GERMAN)), CONFIGURED);

        assertEquals("de", view.lang());
        assertEquals("Suite AG", view.who().name());
        assertTrue(view.who().dpo().contains("dpo@suite.example"));
        assertEquals("Newsletter", view.purposes().get(0).name());
        assertEquals("2 Jahre", view.purposes().get(0).retention());
        assertEquals("Webformular", view.purposes().get(0).source(), "how the basis came about, from its record");
        assertEquals(
                "Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO)",
                view.purposes().get(0).basis());
        assertEquals(
                List.of(
                        List.of(
                                "Mailer Inc",
                                "Auftragsverarbeiter in unserem Auftrag (Art. 28 DSGVO)",
                                "IE",
                                "Newsletter"),
                        List.of("Print shop", "printing", "DE", "Newsletter")),
                view.recipients(),
                "one row per recipient, registered or named in the register's entry");
        assertEquals(List.of(List.of("Mailer Inc", "US", "Standard contractual clauses")), view.transfers());
        assertTrue(view.recipientsKnown());
    }

    @Test
    void theLanguageAskedForWinsOverTheBrowsersAndUnknownOnesFallBackToEnglish() {
        assertEquals("de", ReportTexts.of("de", List.of(Locale.ENGLISH)).lang());
        assertEquals("en", ReportTexts.of("xx", List.of(Locale.FRENCH)).lang());
        assertEquals(
                "Ihre personenbezogenen Daten",
                ReportTexts.of(null, List.of(Locale.GERMANY)).of("title"));
    }

    @Test
    void aRetentionPeriodReadsAsWords() {
        ReportTexts en = ReportTexts.of("en", List.of());
        assertEquals("2 years, 6 months", en.period("P2Y6M"));
        assertEquals("1 month", en.period("P1M"));
        assertEquals("14 days", en.period("P2W"));
        assertEquals("1 Jahr, 1 Tag", ReportTexts.of("de", List.of()).period("P1Y1D"));
        assertEquals("until the contract ends", en.period("until the contract ends"));
    }

    private static List<Row> kind(View view, int index) {
        Kind kind = view.held().get(index);
        return kind.rows();
    }

    private static JsonNode bundle(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }
}
