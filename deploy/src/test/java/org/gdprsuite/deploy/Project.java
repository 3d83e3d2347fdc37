package org.gdprsuite.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/** The repository as the deployment files must see it: the services and the settings their code defines. */
final class Project {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SHARED_CONFIG =
            ROOT.resolve("libs/service-runtime/src/main/resources/META-INF/microprofile-config.properties");

    /** A service module: its name, HTTP port and database, from its application.properties. */
    record Service(String name, int port, String database) {}

    private Project() {}

    /** The modules of the root pom that are services (they have an application.properties). */
    static List<Service> services() {
        List<Service> services = new ArrayList<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(read(ROOT.resolve("pom.xml")));
        while (module.find()) {
            Path config = ROOT.resolve(module.group(1)).resolve("src/main/resources/application.properties");
            if (Files.isRegularFile(config)) {
                Properties p = properties(config);
                services.add(new Service(
                        p.getProperty("quarkus.application.name"),
                        Integer.parseInt(p.getProperty("quarkus.http.port")),
                        p.getProperty("gdpr.db.name")));
            }
        }
        return services;
    }

    /** Every configuration key the code defines: shared defaults plus each service's own. */
    /** A table row of a configuration page: {@code | `gdpr.outbox.batch-size` | ...}. */
    private static final Pattern DOCUMENTED_KEY = Pattern.compile("^\\|\\s*`([a-z0-9.-]+)`\\s*\\|");

    static List<String> definedKeys() {
        List<String> keys = new ArrayList<>(properties(SHARED_CONFIG).stringPropertyNames());
        for (Service service : services()) {
            keys.addAll(properties(ROOT.resolve(service.name()).resolve("src/main/resources/application.properties"))
                    .stringPropertyNames());
        }
        keys.addAll(documentedKeys());
        return keys.stream()
                .map(k -> k.startsWith("%") ? k.substring(k.indexOf('.') + 1) : k)
                .toList();
    }

    /**
     * The keys of the typed configurations ({@code @ConfigMapping}s, whose defaults live in code): the tables of
     * docs/configuration/, which each module's ConfigDocs test holds true to its mapping.
     */
    static List<String> documentedKeys() {
        try (Stream<Path> pages = Files.list(ROOT.resolve("docs/configuration"))) {
            return pages.filter(page -> page.toString().endsWith(".md"))
                    .flatMap(page -> read(page).lines())
                    .map(DOCUMENTED_KEY::matcher)
                    .filter(Matcher::find)
                    .map(key -> key.group(1))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment variable that overrides a key (MicroProfile Config: non-alphanumerics to _, upper case). */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String relative) {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(relative))) {
            return (Map<String, Object>) new Yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The overlays an operator applies (deploy/kubernetes/overlays/NAME). */
    static final List<String> OVERLAYS = List.of("dev", "prod");

    private static final Map<String, List<Map<String, Object>>> BUILT = new HashMap<>();

    /** The production overlay's objects, by kind and name. */
    static Map<String, Map<String, Object>> kubernetes() {
        return kubernetes("prod");
    }

    /** The objects {@code kubectl kustomize} makes of an overlay, by kind and name. */
    static Map<String, Map<String, Object>> kubernetes(String overlay) {
        Map<String, Map<String, Object>> byKindAndName = new LinkedHashMap<>();
        for (Map<String, Object> manifest : kustomize(overlay)) {
            String key = manifest.get("kind") + "/" + at(manifest, "metadata", "name");
            if (byKindAndName.put(key, manifest) != null) {
                throw new AssertionError(overlay + " makes " + key + " twice");
            }
        }
        return byKindAndName;
    }

    /** Every object of an overlay as {@code kubectl kustomize} (installed on the build machines) builds it. */
    @SuppressWarnings("unchecked")
    static synchronized List<Map<String, Object>> kustomize(String overlay) {
        return BUILT.computeIfAbsent(overlay, name -> {
            Path dir = ROOT.resolve("deploy/kubernetes/overlays").resolve(name);
            try {
                Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new AssertionError("kubectl kustomize " + dir + " failed (its error is above)");
                }
                List<Map<String, Object>> objects = new ArrayList<>();
                for (Object doc : new Yaml().loadAll(output)) {
                    objects.add((Map<String, Object>) doc);
                }
                return List.copyOf(objects);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** The objects of one kind of an overlay. */
    static List<Map<String, Object>> ofKind(String overlay, String kind) {
        return kustomize(overlay).stream()
                .filter(o -> kind.equals(o.get("kind")))
                .toList();
    }

    /** Plain properties of a file (no profiles resolved). */
    static Properties propertiesOf(Path file) {
        return properties(file);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties properties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Walks a path of map keys / list indexes in parsed YAML. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            if (current == null) {
                return null;
            }
            current = step instanceof Integer i
                    ? ((List<Object>) current).get(i)
                    : ((Map<String, Object>) current).get(step);
        }
        return (T) current;
    }
}
