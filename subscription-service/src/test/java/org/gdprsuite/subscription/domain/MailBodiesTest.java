package org.gdprsuite.subscription.domain;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gdprsuite.events.InvalidEventException;
import org.gdprsuite.subscription.domain.SuiteMail.Template;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.Variant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suite's mail templates rendered as the service renders them (HTML escaped in .html), without Quarkus. */
@Tag("unit")
class MailBodiesTest {

    private static final Engine QUTE = Engine.builder()
            .addDefaults()
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .addLocator(MailBodiesTest::locate)
            .build();

    private static final Map<String, String> PARAMETERS = Map.ofEntries(
            Map.entry("purpose", "Newsletter"),
            Map.entry("confirmLink", "https://x/confirm"),
            Map.entry("code", "123456"),
            Map.entry("verifyLink", "https://x/verify"),
            Map.entry("downloadLink", "https://x/download"),
            Map.entry("expiresAt", "2026-12-31"),
            Map.entry("dueDate", "2027-02-01"),
            Map.entry("reason", "volume"),
            Map.entry("requestType", "ACCESS"),
            Map.entry("reference", "INC-7"),
            Map.entry("nature", "CONFIDENTIALITY"),
            Map.entry("consequences", "phishing"),
            Map.entry("measures", "reset passwords"),
            Map.entry("dpoContact", "dpo@example.org"),
            Map.entry("purposes", "Customer care (Art. 6(1)(b) GDPR)"),
            Map.entry("noticeLink", "https://x/notices/2026-1"),
            Map.entry("privacyCentreLink", "https://x/centre"));

    @Test
    void everyTemplateRendersInTextAndHtml() {
        for (Template template : Template.values()) {
            MailBodies.Body body = MailBodies.render(QUTE, template.key, new HashMap<>(PARAMETERS));
            assertFalse(body.text().isBlank(), template.key);
            assertTrue(body.html().startsWith("<"), template.key);
            assertFalse(template.subject.isBlank(), template.key);
        }
    }

    @Test
    void theParametersAreInTheMailAndThePreferenceLinkOnlyWhenThereIsAPerson() {
        Map<String, Object> data = new HashMap<>(PARAMETERS);
        MailBodies.Body anonymous = MailBodies.render(QUTE, "breach.notice", data);
        assertTrue(
                anonymous.text().contains("INC-7") && anonymous.text().contains("reset passwords"), anonymous.text());
        assertFalse(anonymous.text().contains("Maintain my subscriptions"), anonymous.text());

        data.put("preferencesLink", "https://x/preferences?token=t");
        MailBodies.Body known = MailBodies.render(QUTE, "breach.notice", data);
        assertTrue(known.text().contains("Maintain my subscriptions: https://x/preferences?token=t"), known.text());
        assertTrue(known.html().contains("href=\"https://x/preferences?token=t\""), known.html());
    }

    @Test
    void aMailingEscapesItsTextInHtmlAndCarriesItsLinks() {
        Map<String, Object> data = Map.of(
                "text",
                "Sale <script>alert(1)</script> & more",
                "typeName",
                "News",
                "unsubscribeLink",
                "https://x/unsubscribe?token=u",
                "preferencesLink",
                "https://x/preferences?token=p",
                "withdrawalLink",
                "https://x/withdraw?token=w");
        MailBodies.Body body = MailBodies.render(QUTE, "mailing", data);
        assertTrue(body.text().startsWith("Sale <script>alert(1)</script> & more"), body.text());
        assertFalse(body.html().contains("<script>"), body.html());
        assertTrue(body.html().contains("Sale &lt;script&gt;alert(1)&lt;/script&gt; &amp; more"), body.html());
        assertTrue(body.text().contains("Unsubscribe: https://x/unsubscribe?token=u"), body.text());
        assertTrue(body.html().contains("https://x/preferences?token=p"), body.html());
        assertTrue(body.text().contains("See and withdraw my consents: https://x/withdraw?token=w"), body.text());
        assertTrue(body.html().contains("href=\"https://x/withdraw?token=w\""), body.html());
    }

    @Test
    void theInformationMailNamesThePurposesTheNoticeTheCentreAndTheRightToComplain() {
        Map<String, Object> data = new HashMap<>(PARAMETERS);
        data.put("purposes", "Care <b>& more</b> (Art. 6(1)(f) GDPR)");
        data.put("noticeVersion", "2026-1");
        MailBodies.Body body = MailBodies.render(QUTE, Template.INFORMATION_NOTICE.key, data);
        assertTrue(body.text().contains("Care <b>& more</b> (Art. 6(1)(f) GDPR)"), body.text());
        assertTrue(body.text().contains("(version 2026-1)") && body.text().contains("https://x/notices/2026-1"));
        assertTrue(body.text().contains("privacy centre: https://x/centre"), body.text());
        assertTrue(body.text().contains("supervisory authority"), body.text());
        assertTrue(body.html().contains("Care &lt;b&gt;&amp; more&lt;/b&gt;"), body.html());
        assertTrue(body.html().contains("href=\"https://x/centre\""), body.html());
        assertEquals(Template.INFORMATION_NOTICE, Template.of("information.notice"));
    }

    @Test
    void aTemplateNoOneOffersIsABadRequestAndAMissingFileAnError() {
        assertEquals(Template.BREACH_NOTICE, Template.of("breach.notice"));
        assertThrows(InvalidEventException.class, () -> Template.of("spam.blast"));
        assertThrows(IllegalStateException.class, () -> MailBodies.render(QUTE, "spam.blast", Map.of()));
    }

    /** The templates from the classpath, as Quarkus finds them: the suffix gives the content type. */
    private static Optional<TemplateLocation> locate(String id) {
        InputStream in = MailBodiesTest.class.getClassLoader().getResourceAsStream("templates/" + id);
        if (in == null) {
            return Optional.empty();
        }
        Variant variant = Variant.forContentType(id.endsWith(".html") ? Variant.TEXT_HTML : Variant.TEXT_PLAIN);
        return Optional.of(new TemplateLocation() {
            @Override
            public Reader read() {
                return new InputStreamReader(in, StandardCharsets.UTF_8);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(variant);
            }
        });
    }
}
