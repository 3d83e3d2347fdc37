package org.gdprsuite.consent.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.gdprsuite.consent.domain.OwnConsents;
import org.gdprsuite.consent.domain.Withdrawals;

/**
 * The words of the person's consent page in the first language of the browser's Accept-Language it speaks
 * (English, German; English otherwise), from {@code consent-page/texts_<lang>.properties}. A key missing in German
 * is said in English; a key missing in both is a mistake of the page, not of the visitor.
 */
public final class ConsentPageTexts {

    private static final Map<String, Properties> TEXTS = Map.of("en", read("en"), "de", read("de"));
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final String lang;

    private ConsentPageTexts(String lang) {
        this.lang = lang;
    }

    static ConsentPageTexts of(List<Locale> acceptable) {
        for (Locale locale : acceptable) {
            if (TEXTS.containsKey(locale.getLanguage())) {
                return new ConsentPageTexts(locale.getLanguage());
            }
        }
        return new ConsentPageTexts("en");
    }

    public String lang() {
        return lang;
    }

    public String of(String key) {
        String text = TEXTS.get(lang).getProperty(key, TEXTS.get("en").getProperty(key));
        if (text == null) {
            throw new IllegalStateException("the consent page has no text " + key);
        }
        return text;
    }

    /** A row's state: the status of a consent, or the other basis it is processed on, with its article. */
    public String state(OwnConsents.Row row) {
        if (row.status() == null) {
            return of("state.none");
        }
        String status = of("status." + row.status().name());
        return switch (row.basis()) {
            case CONSENT -> status;
            default ->
                of("basis.other") + " " + of("basis." + row.basis().name()) + " ("
                        + row.basis().article() + "), " + status;
        };
    }

    /** What a history record was: the status, and the basis where it is not consent. */
    public String what(OwnConsents.Event event) {
        String status = of("status." + event.status().name());
        return switch (event.basis()) {
            case CONSENT -> status;
            default -> status + " (" + of("basis." + event.basis().name()) + ")";
        };
    }

    /** Where a record came from: this page, or its source with the channel the sender named. */
    public String source(OwnConsents.Event event) {
        if (OwnConsents.PAGE.equals(event.channel()) || Withdrawals.PAGE.equals(event.channel())) {
            return of("source.own-page");
        }
        String source = of("source." + event.source().name());
        return event.channel() == null ? source : source + " (" + event.channel() + ")";
    }

    public String date(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    private static Properties read(String lang) {
        Properties texts = new Properties();
        try (InputStream in =
                ConsentPageTexts.class.getResourceAsStream("/consent-page/texts_" + lang + ".properties")) {
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }
}
