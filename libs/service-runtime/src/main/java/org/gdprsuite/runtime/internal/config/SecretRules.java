package org.gdprsuite.runtime.internal.config;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a secret of the suite must be outside the dev and test profiles. A key (link signing key, pseudonym key)
 * is the base64 of at least 32 random bytes, e.g. {@code openssl rand -base64 32}; a password is present. None
 * may be a placeholder ({@code CHANGE-ME}, the committed local defaults), and no key may be the value of another
 * secret. Problems name the key and how to set it, never the value.
 */
public final class SecretRules {

    /** Random bytes a key must carry at least. */
    public static final int MIN_KEY_BYTES = 32;

    /** Distinct byte values 32 random bytes practically always have (about 30); a pattern has few. */
    private static final int MIN_DISTINCT_BYTES = 16;

    /** Words of placeholders and committed local values, compared in lower case without separators. */
    private static final List<String> PLACEHOLDER_WORDS = List.of(
            "changeme",
            "placeholder",
            "replaceme",
            "setme",
            "notasecret",
            "localdevelopment",
            "insecure",
            "dummy",
            "example");

    private static final Set<String> PLACEHOLDER_VALUES = Set.of("secret", "password", "passw0rd", "default");

    private static final String HOW_TO_KEY =
            "base64 of at least " + MIN_KEY_BYTES + " random bytes (openssl rand -base64 32)";

    private SecretRules() {}

    /** A key or a password. */
    public enum Kind {
        KEY,
        PASSWORD
    }

    /** One secret of a service: its configuration key, its kind and its value, if any. */
    public record Secret(String name, Kind kind, Optional<String> value) {

        public static Secret key(String name, Optional<String> value) {
            return new Secret(name, Kind.KEY, value);
        }

        public static Secret password(String name, Optional<String> value) {
            return new Secret(name, Kind.PASSWORD, value);
        }

        @Override
        public String toString() {
            return name; // never the value
        }
    }

    /** Every problem of {@code secrets}, one line each; empty when the service may start. */
    public static List<String> problems(List<Secret> secrets) {
        List<String> problems = new ArrayList<>();
        secrets.forEach(secret -> problem(secret).ifPresent(problems::add));
        for (int i = 0; i < secrets.size(); i++) {
            for (int j = i + 1; j < secrets.size(); j++) {
                Secret a = secrets.get(i);
                Secret b = secrets.get(j);
                boolean aKey = a.kind() == Kind.KEY || b.kind() == Kind.KEY;
                if (aKey
                        && a.value().isPresent()
                        && !a.value().get().isBlank()
                        && a.value().equals(b.value())) {
                    problems.add(a.name() + " and " + b.name() + " hold the same value: give each its own ("
                            + env(a.name()) + ", " + env(b.name()) + ")");
                }
            }
        }
        return problems;
    }

    /** What is wrong with one secret on its own, if anything. */
    public static Optional<String> problem(Secret secret) {
        String how = secret.kind() == Kind.KEY ? HOW_TO_KEY : "the password of the database role";
        String fix = ": set " + env(secret.name()) + " to " + how;
        String value = secret.value().map(String::strip).orElse("");
        if (value.isEmpty()) {
            return Optional.of(secret.name() + " is missing" + fix);
        }
        if (isPlaceholder(value)) {
            return Optional.of(secret.name() + " is a placeholder or a committed local value" + fix);
        }
        if (secret.kind() == Kind.KEY) {
            byte[] material = keyMaterial(value);
            if (material.length < MIN_KEY_BYTES) {
                return Optional.of(secret.name() + " is not base64 of " + MIN_KEY_BYTES + " bytes or more" + fix);
            }
            if (distinct(material) < MIN_DISTINCT_BYTES) {
                return Optional.of(secret.name() + " is not random" + fix);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code value} is, or contains, a known placeholder. */
    public static boolean isPlaceholder(String value) {
        String normalized = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return PLACEHOLDER_VALUES.contains(normalized)
                || PLACEHOLDER_WORDS.stream().anyMatch(normalized::contains);
    }

    /** The environment variable that sets configuration key {@code name} (MicroProfile Config's rule). */
    public static String env(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The bytes a base64 (standard or URL-safe, padding optional) key decodes to; none when it is not base64. */
    private static byte[] keyMaterial(String value) {
        for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
            try {
                return decoder.decode(value);
            } catch (IllegalArgumentException notThisAlphabet) {
                // the other one, or not base64
            }
        }
        return new byte[0];
    }

    private static long distinct(byte[] bytes) {
        boolean[] seen = new boolean[256];
        long count = 0;
        for (byte b : bytes) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                count++;
            }
        }
        return count;
    }
}
