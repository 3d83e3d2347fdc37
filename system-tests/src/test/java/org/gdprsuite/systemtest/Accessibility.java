package org.gdprsuite.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The accessibility check of a page shown in the browser: axe-core finds no serious or critical violation. The
 * page's screenshot is kept in target/screenshots, checked or not, to look at after the run.
 */
final class Accessibility {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** axe-core, fetched by the console module's npm install (a dev dependency, never shipped). */
    private static final Path AXE = Path.of("..", "console", "target", "npm", "node_modules", "axe-core", "axe.min.js");

    private Accessibility() {}

    /** Checks the page the browser shows; {@code screen} names it in the failure and its screenshot. */
    static void check(WebDriver browser, String screen) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                    SCREENSHOTS.resolve(screen + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
            ((JavascriptExecutor) browser).executeScript(Files.readString(AXE));
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core comes with the console module's build (npm ci)", e);
        }
        Object violations = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then((result) => done(result.violations
                    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)))
                  .catch((failure) => done([`axe failed: ${failure}`]));
                """);
        assertEquals(List.of(), violations, screen);
    }
}
