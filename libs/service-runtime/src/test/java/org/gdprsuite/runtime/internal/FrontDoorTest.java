package org.gdprsuite.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The library's internals stay behind its front door: no main code of another module imports them. */
@Tag("unit")
class FrontDoorTest {

    private static final String INTERNAL = "import org.gdprsuite.runtime.internal.";

    @Test
    void noModuleOutsideTheLibraryUsesItsInternalPackagesInMainCode() throws IOException {
        Path root = SuiteStack.projectRoot();
        List<String> users = Stream.concat(children(root), children(root.resolve("libs")))
                .filter(module -> !module.equals(root.resolve("libs/service-runtime")))
                .map(module -> module.resolve("src/main/java"))
                .filter(Files::isDirectory)
                .flatMap(FrontDoorTest::javaFiles)
                .filter(FrontDoorTest::importsInternals)
                .map(f -> root.relativize(f).toString())
                .sorted()
                .toList();
        assertEquals(List.of(), users, "main code importing org.gdprsuite.runtime.internal (not API)");
    }

    private static Stream<Path> children(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).toList().stream();
        }
    }

    private static Stream<Path> javaFiles(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean importsInternals(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.anyMatch(line -> line.startsWith(INTERNAL));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
