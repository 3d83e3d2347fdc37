package org.gdprsuite.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks a {@code @ConfigMapping} against the configuration documentation: every key of the mapping
 * must have a row {@code | `key` | `default` | meaning |} in some {@code docs/configuration/*.md}, with
 * the default of its {@code @WithDefault} in backticks, or {@code —} when it has none. The mapping
 * stays the one place of defaults; this keeps the documentation from drifting away from it.
 * <p>
 * One exception: a library may give a key its default as a value in its
 * {@code META-INF/microprofile-config.properties} instead, when other keys derive from it with
 * {@code ${key}} (a mapping's default is not a value such an expression finds); that value counts as the default.
 */
public final class ConfigDocs {

    /** What a documentation row shows when a key has no default. */
    public static final String NO_DEFAULT = "—";

    private ConfigDocs() {}

    /** Fails listing every key of the mapping that is undocumented or documented with another default. */
    public static void assertDocumented(Class<?> mapping) {
        assertDocumented(mapping, SuiteStack.projectRoot().resolve("docs/configuration"));
    }

    /** As {@link #assertDocumented(Class)}, with the documentation read from {@code docsDir}. */
    public static void assertDocumented(Class<?> mapping, Path docsDir) {
        Map<String, String> documented = documentedDefaults(docsDir);
        List<String> problems = new ArrayList<>();
        keys(mapping).forEach((key, defaultValue) -> {
            String expected = defaultValue == null ? NO_DEFAULT : "`" + defaultValue + "`";
            String found = documented.get(key);
            if (found == null) {
                problems.add("missing   | `" + key + "` | " + expected + " | … |");
            } else if (!found.equals(expected)) {
                problems.add("default   `" + key + "`: documented " + found + ", the mapping says " + expected);
            }
        });
        if (!problems.isEmpty()) {
            fail(mapping.getName() + ": " + problems.size() + " key(s) not as in " + docsDir + ":\n  "
                    + String.join("\n  ", problems));
        }
    }

    /**
     * The keys of a mapping in declaration-independent (sorted) order, each with its default or
     * {@code null}, named as SmallRye names them by default (kebab-case, {@code @WithName},
     * {@code @WithParentName}; a map's key as {@code *}).
     */
    public static Map<String, String> keys(Class<?> mapping) {
        ConfigMapping annotation = mapping.getAnnotation(ConfigMapping.class);
        if (annotation == null) {
            throw new IllegalArgumentException(mapping.getName() + " is not annotated @ConfigMapping");
        }
        boolean verbatim = annotation.namingStrategy() == ConfigMapping.NamingStrategy.VERBATIM;
        char separator = annotation.namingStrategy() == ConfigMapping.NamingStrategy.SNAKE_CASE ? '_' : '-';
        Map<String, String> keys = new HashMap<>();
        walk(mapping, annotation.prefix(), verbatim, separator, keys);
        Properties libraryValues = libraryValues(mapping);
        Map<String, String> sorted = new LinkedHashMap<>();
        keys.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> sorted.put(
                        e.getKey(), e.getValue() != null ? e.getValue() : libraryValues.getProperty(e.getKey())));
        return sorted;
    }

    private static void walk(
            Class<?> group, String prefix, boolean verbatim, char separator, Map<String, String> keys) {
        Method[] methods = group.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method method : methods) {
            if (method.getParameterCount() > 0
                    || method.isDefault()
                    || Modifier.isStatic(method.getModifiers())
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = method.isAnnotationPresent(WithParentName.class)
                    ? ""
                    : method.isAnnotationPresent(WithName.class)
                            ? method.getAnnotation(WithName.class).value()
                            : verbatim ? method.getName() : words(method.getName(), separator);
            String key = join(prefix, name);
            WithDefault withDefault = method.getAnnotation(WithDefault.class);
            property(
                    method.getGenericReturnType(),
                    key,
                    withDefault == null ? null : withDefault.value(),
                    verbatim,
                    separator,
                    keys);
        }
    }

    private static void property(
            Type type, String key, String defaultValue, boolean verbatim, char separator, Map<String, String> keys) {
        Class<?> raw = raw(type);
        if (raw == Optional.class) {
            property(argument(type, 0), key, defaultValue, verbatim, separator, keys);
        } else if (Map.class.isAssignableFrom(raw)) {
            property(argument(type, 1), join(key, "*"), defaultValue, verbatim, separator, keys);
        } else if (isGroup(raw)) {
            walk(raw, key, verbatim, separator, keys);
        } else if ((List.class.isAssignableFrom(raw) || java.util.Set.class.isAssignableFrom(raw))
                && isGroup(raw(argument(type, 0)))) {
            walk(raw(argument(type, 0)), key + "[*]", verbatim, separator, keys);
        } else {
            keys.put(key, defaultValue);
        }
    }

    /** A nested group: an interface of our own (not a JDK type such as List or a converted value). */
    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.");
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }

    private static String join(String prefix, String name) {
        if (name.isEmpty()) {
            return prefix;
        }
        return prefix == null || prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** camelCase to kebab-case as SmallRye's default naming does: maxURLLength becomes max-url-length. */
    static String words(String camel, char separator) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch) && i > 0) {
                char before = camel.charAt(i - 1);
                boolean nextLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
                if (Character.isLowerCase(before)
                        || Character.isDigit(before)
                        || (Character.isUpperCase(before) && nextLower)) {
                    out.append(separator);
                }
            }
            out.append(ch == '_' || ch == '-' ? separator : Character.toLowerCase(ch));
        }
        return out.toString();
    }

    /** The META-INF/microprofile-config.properties of the mapping's own jar or classes directory, if any. */
    private static Properties libraryValues(Class<?> mapping) {
        Properties values = new Properties();
        URL location = mapping.getProtectionDomain().getCodeSource() == null
                ? null
                : mapping.getProtectionDomain().getCodeSource().getLocation();
        if (location == null) {
            return values;
        }
        try (URLClassLoader own = new URLClassLoader(new URL[] {location}, null);
                InputStream in = own.getResourceAsStream("META-INF/microprofile-config.properties")) {
            if (in != null) {
                values.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    /** Key to default cell of every row whose first cell is a key in backticks, over all documents. */
    static Map<String, String> documentedDefaults(Path docsDir) {
        Map<String, String> documented = new HashMap<>();
        if (!Files.isDirectory(docsDir)) {
            return documented;
        }
        try (Stream<Path> files = Files.list(docsDir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] cells = line.trim().split("\\|");
                    // "| `key` | `default` | meaning |" splits into "", key, default, meaning
                    if (cells.length < 3 || !cells[0].isBlank()) {
                        continue;
                    }
                    String key = cells[1].trim();
                    if (key.length() > 2 && key.startsWith("`") && key.endsWith("`")) {
                        documented.put(key.substring(1, key.length() - 1), cells[2].trim());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documented;
    }
}
