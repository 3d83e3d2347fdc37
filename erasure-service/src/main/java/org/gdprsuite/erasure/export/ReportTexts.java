package org.gdprsuite.erasure.export;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The report's words in the person's language: {@code export/report.properties} (English) and its translations
 * ({@code report_de}); a word missing in a translation is the English one (the bundle's parent).
 */
public final class ReportTexts {

    /** The languages the report speaks; the first is the default. */
    static final List<String> LANGUAGES = List.of("en", "de");

    private static final ResourceBundle.Control NO_JVM_DEFAULT =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ResourceBundle words;
    private final DateTimeFormatter dates;

    private ReportTexts(Locale locale) {
        this.locale = locale;
        this.words = ResourceBundle.getBundle("export.report", locale, NO_JVM_DEFAULT);
        this.dates = DateTimeFormatter.ofPattern(
                        "de".equals(locale.getLanguage()) ? "d. MMMM yyyy, HH:mm 'UTC'" : "d MMMM yyyy, HH:mm 'UTC'",
                        locale)
                .withZone(ZoneOffset.UTC);
    }

    /**
     * The language asked for explicitly ({@code lang}), else the first one the browser accepts that the report
     * speaks, else English.
     */
    public static ReportTexts of(String lang, List<Locale> acceptable) {
        if (lang != null && LANGUAGES.contains(lang)) {
            return new ReportTexts(Locale.forLanguageTag(lang));
        }
        return acceptable.stream()
                .map(Locale::getLanguage)
                .filter(LANGUAGES::contains)
                .findFirst()
                .map(language -> new ReportTexts(Locale.forLanguageTag(language)))
                .orElseGet(() -> new ReportTexts(Locale.ENGLISH));
    }

    public String lang() {
        return locale.getLanguage();
    }

    /** The word for a key; the key itself when there is none (e.g. a field added after the report). */
    public String of(String key) {
        try {
            return words.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /** The word of a key with its {0}, {1}... filled in. */
    public String format(String key, Object... values) {
        return new MessageFormat(of(key), locale).format(values);
    }

    /** "n entries" in the person's language. */
    public String count(int entries) {
        return format("count", entries);
    }

    /** A known key's word, else the value as it is (e.g. a legal basis or field the report has no word for). */
    public String labelOr(String prefix, String value) {
        return words.containsKey(prefix + value) ? words.getString(prefix + value) : value;
    }

    /** An ISO-8601 period ({@code P2Y6M}) as a person reads it ("2 years, 6 months"); any other text as it is. */
    public String period(String iso) {
        try {
            Period p = Period.parse(iso);
            List<String> parts = new java.util.ArrayList<>();
            if (p.getYears() != 0) {
                parts.add(format("period.years", p.getYears()));
            }
            if (p.getMonths() != 0) {
                parts.add(format("period.months", p.getMonths()));
            }
            if (p.getDays() != 0 || parts.isEmpty()) {
                parts.add(format("period.days", p.getDays()));
            }
            return String.join(", ", parts);
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** An instant as a person reads it in their language; any other text as it is. */
    public String date(String instant) {
        if (instant == null || instant.isBlank() || "null".equals(instant)) {
            return "";
        }
        try {
            return dates.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }
}
