package org.gdprsuite.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the README a short front door and the documentation's links whole: a newcomer who follows a link from
 * the README or docs/ must land on a file (and heading) that exists. Plain file reading, no stack needed.
 */
@Tag("unit")
class DocsTest {

    private static final int README_MAX_LINES = 250;
    /** Inline links and images: {@code [text](target)} or {@code [text](target "title")}. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");

    private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    private static final Path README = Project.ROOT.resolve("README.md");

    @Test
    void readmeIsShortAndNamesTheTwoCommands() {
        List<String> lines = lines(README);
        assertTrue(
                lines.size() <= README_MAX_LINES,
                "README.md has " + lines.size() + " lines, at most " + README_MAX_LINES + ": move details to docs/");
        String text = String.join("\n", lines);
        // CI runs the README's test command (.ci/run), so the README must keep naming it.
        assertTrue(text.contains("./suite up"), "README.md names ./suite up");
        assertTrue(text.contains("./suite test"), "README.md names ./suite test");
    }

    @Test
    void everyRelativeLinkOfTheReadmeAndDocsPointsToAnExistingFile() {
        List<Path> files = documents();
        assertTrue(files.size() > 1, "README.md and docs/ found under " + Project.ROOT);
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path file : files) {
            for (String target : relativeLinks(Project.read(file))) {
                checked++;
                String problem = problemOf(file, target);
                if (problem != null) {
                    broken.add(Project.ROOT.relativize(file) + ": " + target + " (" + problem + ")");
                }
            }
        }
        assertTrue(checked > 0, "some relative links were checked");
        assertEquals(List.of(), broken, "broken links");
    }

    @Test
    void linkTargetsAreReadFromMarkdownButNotFromCode() {
        String markdown = """
                See [events](docs/events.md#topics), ![a picture](img/a.png "title") and [site](https://x.org).
                `[not a link](inline-code.md)` and [anchor](#here)
                ```
                [not a link](fenced.md)
                ```
                """;
        assertEquals(List.of("docs/events.md#topics", "img/a.png", "#here"), relativeLinks(markdown));
        assertEquals("contact-service--apicontacts", slug("contact-service — `/api/contacts/**`"));
        assertEquals("data-subject-request-fan-out", slug("Data-subject request fan-out"));
    }

    /** README.md and every Markdown file under docs/, plus the other Markdown files the docs link into. */
    private static List<Path> documents() {
        List<Path> files = new ArrayList<>(List.of(README));
        for (String other : List.of("CONTRIBUTING.md", "bench/RESULTS.md", "deploy/README.md")) {
            Path path = Project.ROOT.resolve(other);
            if (Files.isRegularFile(path)) {
                files.add(path);
            }
        }
        Path docs = Project.ROOT.resolve("docs");
        assertTrue(Files.isDirectory(docs), "docs/ exists");
        try (Stream<Path> walk = Files.walk(docs)) {
            walk.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p))
                    .sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The link targets of {@code markdown} that are not absolute URLs, outside code blocks and code spans. */
    static List<String> relativeLinks(String markdown) {
        String prose = CODE_SPAN.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("");
        List<String> targets = new ArrayList<>();
        Matcher link = LINK.matcher(prose);
        while (link.find()) {
            String target = link.group(1);
            if (!target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) { // http:, https:, mailto: ...
                targets.add(target);
            }
        }
        return targets;
    }

    /** Why {@code target}, linked from {@code from}, leads nowhere; null when it leads to something. */
    private static String problemOf(Path from, String target) {
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? from : from.getParent().resolve(path).normalize();
        if (!resolved.startsWith(Project.ROOT)) {
            return "outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null
                && !anchor.isEmpty()
                && resolved.toString().endsWith(".md")
                && !anchors(resolved).contains(anchor)) {
            return "no heading #" + anchor;
        }
        return null;
    }

    /** The anchors GitHub makes of a Markdown file's headings. */
    private static Set<String> anchors(Path markdown) {
        String text = FENCE.matcher(Project.read(markdown)).replaceAll("");
        return HEADING.matcher(text).results().map(m -> slug(m.group(1))).collect(Collectors.toSet());
    }

    /** GitHub's heading anchor: lower case, punctuation dropped (hyphens and underscores kept), spaces to hyphens. */
    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
