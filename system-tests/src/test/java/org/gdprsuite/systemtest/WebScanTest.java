package org.gdprsuite.systemtest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gdprsuite.testsupport.PublicForm;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A web scanner, Debian's wapiti (installed by ./suite test), against the public pages through the gateway: the
 * request portal and its verification, the breach report, the privacy centre's sign-in and the centre signed in
 * (the session cookie of a person signed in by the mailed code). It finds no cross-site scripting (reflected or
 * stored), SQL or command injection, missing or unchecked anti-CSRF token or open redirect; and its log shows it
 * submitted and attacked those forms, so it cannot pass by scanning nothing.
 */
class WebScanTest extends SystemTest {

    private static final Path WAPITI = Path.of("/usr/bin/wapiti");
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    /**
     * wapiti with its exclusions working: Debian's 3.0.4 turns each {@code --exclude} into a regular expression that
     * Python 3.11 refuses (flags at its end) and stops; this one puts them first. Without exclusions the scan would
     * sign its own session out.
     */
    private static final String LAUNCHER = """
            import re, sys
            import wapitiCore.net.crawler as crawler
            crawler.wildcard_translate = lambda pattern: re.compile(
                "(?ms)" + ".*".join(re.escape(part) for part in pattern.split("*")) + r"\\Z")
            from wapitiCore.main.wapiti import wapiti_main
            sys.argv[0] = "wapiti"
            wapiti_main()
            """;

    /** The modules run and the report's categories they fill, which must stay empty. */
    private static final String MODULES = "xss,permanentxss,sql,exec,csrf,redirect";

    private static final List<String> CATEGORIES = List.of(
            "Cross Site Scripting",
            "SQL Injection",
            "Blind SQL Injection",
            "Command execution",
            "Cross Site Request Forgery",
            "Open Redirect");

    @Test
    void theScannerFindsNothingOnThePublicFormsAndTheSignedInCentre() throws Exception {
        assertTrue(Files.isExecutable(WAPITI), "the web scanner is installed by ./suite test: " + WAPITI);
        String portalForm = PublicForm.open(anonymous(), "/public/requests").cookie();
        String reportForm =
                PublicForm.open(anonymous(), "/public/incidents/report").cookie();
        String centreSession = PrivacyCentreControlTest.signIn(uniqueEmail("walter.scan"));

        try (LoopbackRelay relay = new LoopbackRelay(URI.create(suite.gateway()))) {
            String base = relay.url();
            // A visitor: the pages before any session, with the cookies their pages set.
            Map<String, Map<String, Object>> visitor = new LinkedHashMap<>();
            visitor.put("/public/requests", Map.of(PublicForm.COOKIE, cookie(portalForm)));
            visitor.put("/public/incidents/report", Map.of(PublicForm.COOKIE, cookie(reportForm)));
            String publicLog = scan(
                    "public",
                    base + "/public/",
                    List.of(
                            base + "/public/requests",
                            base + "/public/requests/centre",
                            base + "/public/incidents/report"),
                    visitor);
            for (String form : List.of(
                    "POST " + base + "/public/requests ",
                    "/verification ",
                    "POST " + base + "/public/incidents/report ",
                    "POST " + base + "/public/requests/centre/sign-in ",
                    "POST " + base + "/public/requests/centre/sign-in/")) {
                assertTrue(attacks(publicLog).contains(form), "the scan attacked " + form.strip());
            }

            // A person signed in by the mailed code: the centre's own forms.
            Map<String, Map<String, Object>> signedIn = new LinkedHashMap<>(visitor);
            signedIn.put("/public/requests/centre", Map.of("gdpr_centre", cookie(centreSession)));
            String centreLog = scan(
                    "centre", base + "/public/requests/centre", List.of(base + "/public/requests/centre"), signedIn);
            for (String form : List.of(
                    "POST " + base + "/public/requests/centre/requests ",
                    "POST " + base + "/public/requests/centre/corrections ")) {
                assertTrue(attacks(centreLog).contains(form), "the scan attacked " + form.strip());
            }
        }
    }

    /**
     * One wapiti scan of {@code url}'s folder from {@code starts}, with {@code cookies} (by path) as the browser's: its
     * JSON report holds no finding of the checked categories; answers the scan's log.
     */
    private static String scan(String name, String url, List<String> starts, Map<String, Map<String, Object>> cookies)
            throws IOException, InterruptedException {
        Path dir = Files.createDirectories(Path.of("target", "wapiti", name).toAbsolutePath());
        Path cookieFile = dir.resolve("cookies.json");
        Path report = dir.resolve("report.json");
        Path log = dir.resolve("wapiti.log");
        new ObjectMapper().writeValue(cookieFile.toFile(), Map.of("127.0.0.1", cookies));
        String origin = url.substring(0, url.indexOf("/public/"));
        Path launcher = dir.resolve("wapiti.py");
        Files.writeString(launcher, LAUNCHER);
        List<String> command =
                new ArrayList<>(List.of(PYTHON.toString(), launcher.toString(), "--url", url, "--scope", "folder"));
        starts.forEach(start -> command.addAll(List.of("--start", start)));
        command.addAll(List.of(
                // Signing out would end the scan's session; other services' pages are not this scan's.
                "--exclude",
                origin + "/public/requests/centre/sign-out",
                "--exclude",
                origin + "/public/consents/*",
                "--exclude",
                origin + "/public/subscriptions/*",
                "--module",
                MODULES,
                "--cookie",
                cookieFile.toString(),
                // One connection per request: through the relay, each from an address of its own.
                "--header",
                "Connection: close",
                "--flush-session",
                "--store-session",
                dir.resolve("session").toString(),
                "--store-config",
                dir.resolve("config").toString(),
                "--depth",
                "4",
                "--max-scan-time",
                "60",
                "--max-attack-time",
                "20",
                "--timeout",
                "10",
                "--format",
                "json",
                "--output",
                report.toString(),
                "--verbose",
                "1",
                "--no-bugreport"));
        Process wapiti = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(wapiti.waitFor(4, TimeUnit.MINUTES), "the scan ends within its bounds; see " + log);
        assertEquals(0, wapiti.exitValue(), "wapiti ran; see " + log);
        JsonNode found = new ObjectMapper().readTree(report.toFile()).path("vulnerabilities");
        for (String category : CATEGORIES) {
            assertTrue(found.has(category), "the report has the category " + category + "; see " + report);
            assertEquals(0, found.path(category).size(), category + ": " + found.path(category));
        }
        return Files.readString(log);
    }

    /** A cookie of wapiti's JSON cookie file, sent over plain HTTP to the loopback gateway as a browser does. */
    private static Map<String, Object> cookie(String value) {
        Map<String, Object> cookie = new LinkedHashMap<>();
        cookie.put("value", value);
        cookie.put("expires", null);
        cookie.put("secure", false);
        cookie.put("port", null);
        cookie.put("version", 0);
        return cookie;
    }

    /** What the scan's log lists under the XSS module: the requests it attacked. */
    private static String attacks(String log) {
        String start = "[*] Launching module xss\n";
        int from = log.indexOf(start);
        assertTrue(from >= 0, "the scan ran the XSS module");
        int to = log.indexOf("[*] Launching module", from + start.length());
        return log.substring(from, to < 0 ? log.length() : to);
    }
}
