package org.gdprsuite.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class ConfigDocsTest {

    @ConfigMapping(prefix = "toy")
    interface ToyConfig {
        @WithDefault("5")
        int maxURLLength();

        Optional<String> label();

        OptionalInt limit();

        @WithName("poll-every")
        @WithDefault("PT2S")
        Duration interval();

        Relay relay();

        List<String> hosts();

        /** Its default is a value of the library's microprofile-config.properties. */
        String greeting();

        interface Relay {
            @WithDefault("true")
            boolean enabled();
        }
    }

    @TempDir
    Path docs;

    @Test
    void keysAreNamedAsSmallRyeNamesThemWithTheirDefaults() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("toy.greeting", "hello");
        expected.put("toy.hosts", null);
        expected.put("toy.label", null);
        expected.put("toy.limit", null);
        expected.put("toy.max-url-length", "5");
        expected.put("toy.poll-every", "PT2S");
        expected.put("toy.relay.enabled", "true");
        assertEquals(expected, ConfigDocs.keys(ToyConfig.class));
    }

    @Test
    void aTableWithEveryKeyAndDefaultPasses() throws IOException {
        Files.writeString(docs.resolve("toy.md"), """
                | key | default | meaning |
                |---|---|---|
                | `toy.greeting` | `hello` | a greeting |
                | `toy.hosts` | — | hosts |
                | `toy.label` | — | a label |
                | `toy.limit` | — | a limit |
                | `toy.max-url-length` | `5` | longest URL |
                | `toy.poll-every` | `PT2S` | poll interval |
                | `toy.relay.enabled` | `true` | relay on |
                """);
        ConfigDocs.assertDocumented(ToyConfig.class, docs);
    }

    @Test
    void aMissingKeyAndAWrongDefaultAreBothListed() throws IOException {
        Files.writeString(docs.resolve("toy.md"), """
                | `toy.hosts` | — | hosts |
                | `toy.label` | — | a label |
                | `toy.limit` | — | a limit |
                | `toy.max-url-length` | `6` | longest URL |
                | `toy.relay.enabled` | `true` | relay on |
                """);
        AssertionFailedError failure =
                assertThrows(AssertionFailedError.class, () -> ConfigDocs.assertDocumented(ToyConfig.class, docs));
        assertTrue(failure.getMessage().contains("toy.poll-every"), failure.getMessage());
        assertTrue(failure.getMessage().contains("toy.max-url-length"), failure.getMessage());
    }

    @Test
    void kebabCaseSplitsWordsAndAcronyms() {
        assertEquals("max-url-length", ConfigDocs.words("maxURLLength", '-'));
        assertEquals("batch-size", ConfigDocs.words("batchSize", '-'));
        assertEquals("ttl", ConfigDocs.words("ttl", '-'));
        assertEquals("v2-enabled", ConfigDocs.words("v2Enabled", '-'));
    }
}
