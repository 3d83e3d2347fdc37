package org.gdprsuite.erasure.centre;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.gdprsuite.erasure.domain.RequestStatus;
import org.gdprsuite.erasure.domain.RequestType;

/**
 * The centre's words in one language (English or German, from the browser's Accept-Language), from
 * {@code centre/texts_<lang>.properties}; a key missing in German falls back to English.
 */
public final class CentreTexts {

    private static final Map<String, Properties> BY_LANGUAGE = Map.of("en", load("en"), "de", load("de"));
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final String lang;

    private CentreTexts(String lang) {
        this.lang = lang;
    }

    /** The first language the browser accepts that the centre speaks; English otherwise. */
    public static CentreTexts forLanguages(List<Locale> acceptable) {
        return acceptable.stream()
                .map(Locale::getLanguage)
                .filter(BY_LANGUAGE::containsKey)
                .findFirst()
                .map(CentreTexts::new)
                .orElseGet(() -> new CentreTexts("en"));
    }

    public String lang() {
        return lang;
    }

    public String of(String key) {
        String text = BY_LANGUAGE.get(lang).getProperty(key);
        if (text == null) {
            text = BY_LANGUAGE.get("en").getProperty(key);
        }
        if (text == null) {
            throw new IllegalArgumentException("no centre text " + key);
        }
        return text;
    }

    public String type(RequestType type) {
        return of("type." + type.name());
    }

    public String field(CentreCorrection.Field field) {
        return of("field." + field.name());
    }

    public String status(RequestStatus status) {
        return of("status." + status.name());
    }

    public String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant);
    }

    private static Properties load(String lang) {
        Properties texts = new Properties();
        try (Reader in = new InputStreamReader(
                CentreTexts.class.getResourceAsStream("/centre/texts_" + lang + ".properties"),
                StandardCharsets.UTF_8)) {
            texts.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }
}
