package org.gdprsuite.runtime.web;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Text the suite can store as it was given: no NUL character (PostgreSQL refuses it) and no lone UTF-16
 * surrogate (a JSON {@code "\ud800"} escape: UTF-8 cannot encode it, so it would be stored as '?' without
 * a word). Every JSON string read into a String of a request is checked here; a refusal is a 400 like any
 * unreadable body. Services that read text from a JsonNode check it with {@link #isStorable(String)}.
 */
@Singleton
public class StorableText implements ObjectMapperCustomizer {

    public static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000' || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("storable-text").addDeserializer(String.class, new Checked()));
    }

    private static final class Checked extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && !isStorable(value)) {
                throw InvalidFormatException.from(
                        parser, "A text holds a NUL character or a lone surrogate.", null, String.class);
            }
            return value;
        }
    }
}
