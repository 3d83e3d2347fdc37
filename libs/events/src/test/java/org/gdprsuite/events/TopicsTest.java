package org.gdprsuite.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The topics the local stack provisions are exactly the topics of the contract, with their dead-letter topics. */
@Tag("unit")
class TopicsTest {

    @Test
    void provisionedTopicsMatchTheContract() throws IOException {
        Path file = Path.of("../../stack/kafka/topics.txt");
        Set<String> provisioned = Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+")[0])
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> expected = new TreeSet<>(Topics.ALL);
        Topics.ALL.forEach(topic -> expected.add(Topics.deadLetter(topic)));

        assertEquals(expected, provisioned);
    }
}
