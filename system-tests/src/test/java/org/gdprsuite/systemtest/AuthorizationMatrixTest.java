package org.gdprsuite.systemtest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.gdprsuite.testsupport.ClientAddresses;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may call what, for every endpoint of the suite and every kind of caller, from one table
 * ({@code authorization-matrix.csv}): each cell is checked through the gateway and against the service
 * directly (each service verifies the token and its own role rules, the gateway is not the only lock).
 * The endpoints are enumerated from the services' OpenAPI, so a new endpoint without a row fails here.
 *
 * <p>Expected: an allowed role gets past authorization (neither 401 nor 403, and never a 5xx; the probe
 * requests carry unknown ids and empty bodies, so most answers are 400/404/428); a staff or integration
 * role not in the row gets problem 403; no token and every bad token (expired, signed by another key,
 * unsigned, for another audience) get problem 401 with {@code WWW-Authenticate: Bearer}. Public pages
 * answer every caller with a valid or no token alike; a bad token is refused with 401 by the gateway and
 * ignored by the service itself (its public pages do not look at tokens, the signed link decides).
 */
class AuthorizationMatrixTest extends SystemTest {

    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<String> STAFF = Set.of("dpo", "sales", "marketing", "support", "finance", "admin");

    /** Every kind of caller of the matrix: the realm's roles, then the ones that must never get in. */
    enum Caller {
        DPO,
        SALES,
        MARKETING,
        SUPPORT,
        FINANCE,
        ADMIN,
        INTEGRATION,
        /** erasure-service's service account: a service-to-service role, never let in by the gateway. */
        SUBJECT_LOOKUP,
        NO_TOKEN,
        EXPIRED,
        FORGED,
        UNSIGNED,
        OTHER_AUDIENCE;

        boolean hasRole() {
            return ordinal() <= SUBJECT_LOOKUP.ordinal();
        }

        String role() {
            return name().toLowerCase().replace('_', '-');
        }

        /** Whether the gateway lets the role in where the table allows it (services call each other directly). */
        boolean throughGateway() {
            return this != SUBJECT_LOOKUP;
        }

        boolean badToken() {
            return !hasRole() && this != NO_TOKEN;
        }
    }

    /** A row of the table: public, or the roles allowed. */
    record Row(String method, String path, Set<String> roles) {
        boolean isPublic() {
            return roles.isEmpty();
        }

        String key() {
            return method + " " + path;
        }
    }

    /** An operation as a service's OpenAPI describes it: who serves it and the media type of its body. */
    record Operation(String service, String bodyType) {}

    private static final Map<Caller, String> BAD_TOKENS = new EnumMap<>(Caller.class);
    private static final String UNKNOWN_ID = UUID.randomUUID().toString();

    @BeforeAll
    static void badTokens() {
        String real = Tokens.of(DemoUser.SALES);
        BAD_TOKENS.put(Caller.EXPIRED, Tokens.expired(DemoUser.SALES));
        BAD_TOKENS.put(Caller.FORGED, ForgedTokens.resignedWithAnotherKey(real));
        BAD_TOKENS.put(Caller.UNSIGNED, ForgedTokens.unsigned(real));
        BAD_TOKENS.put(Caller.OTHER_AUDIENCE, Tokens.otherAudience(DemoUser.SALES));
    }

    /** The probes may have touched the global consent settings (dpo, admin): put the scenarios' catalogue back. */
    @AfterAll
    static void restoreCatalogue() {
        catalogue();
    }

    @Test
    void everyEndpointOfTheSuiteHasARowAndEveryRowAnEndpoint() {
        Set<String> described = new TreeSet<>(operations().keySet());
        Set<String> listed = table().stream().map(Row::key).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(described);
        missing.removeAll(listed);
        Set<String> stale = new TreeSet<>(listed);
        stale.removeAll(described);
        assertTrue(
                missing.isEmpty() && stale.isEmpty(),
                "authorization-matrix.csv must list exactly the endpoints of the OpenAPI; missing: " + missing
                        + ", not an endpoint: " + stale);
    }

    @TestFactory
    Stream<DynamicTest> everyCallerOfEveryEndpointGetsWhatTheTableSays() {
        Map<String, Operation> operations = operations();
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : table()) {
            Operation operation = operations.get(row.key());
            if (operation == null) {
                continue; // reported by the coverage test
            }
            tests.add(DynamicTest.dynamicTest(
                    row.key() + " via the gateway", () -> check(row, operation, suite.gateway())));
            if (!"gateway".equals(operation.service())) {
                tests.add(DynamicTest.dynamicTest(
                        row.key() + " at " + operation.service(),
                        () -> check(row, operation, suite.url(operation.service()))));
            }
        }
        System.out.printf(
                "authorization matrix: %d endpoints x %d callers, %d checks (gateway and services directly)%n",
                operations.size(), Caller.values().length, tests.size() * Caller.values().length);
        return tests.stream();
    }

    /** All callers of one endpoint at one address; every wrong cell is reported, not only the first. */
    private static void check(Row row, Operation operation, String base) {
        List<String> wrong = new ArrayList<>();
        Response anonymous = call(row, operation, base, Caller.NO_TOKEN);
        for (Caller caller : Caller.values()) {
            Response response = caller == Caller.NO_TOKEN ? anonymous : call(row, operation, base, caller);
            int status = response.statusCode();
            String problemType = Objects.requireNonNullElse(response.getHeader("Content-Type"), "");
            String verdict;
            if (status >= 500) {
                verdict = "a server error";
            } else if (row.isPublic() && caller.badToken() && !base.equals(suite.gateway())) {
                // A service does not look at tokens on its public pages; the gateway refuses a bad one everywhere.
                verdict =
                        status != anonymous.statusCode() ? "not the anonymous answer " + anonymous.statusCode() : null;
            } else if (caller.badToken() || (caller == Caller.NO_TOKEN && !row.isPublic())) {
                verdict = status == 401
                                && problemType.startsWith(PROBLEM)
                                && Objects.requireNonNullElse(response.getHeader("WWW-Authenticate"), "")
                                        .startsWith("Bearer")
                        ? null
                        : "not problem 401 with WWW-Authenticate: Bearer";
            } else if (row.isPublic()) {
                verdict = status == 401
                        ? "401 on a public page"
                        : status != anonymous.statusCode()
                                ? "not the anonymous answer " + anonymous.statusCode()
                                : null;
            } else if (row.roles().contains(caller.role())
                    && (caller.throughGateway() || !base.equals(suite.gateway()))) {
                verdict = status == 401 || status == 403 ? "refused an allowed role" : null;
            } else {
                verdict = status == 403 && problemType.startsWith(PROBLEM) ? null : "not problem 403";
            }
            if (verdict != null) {
                wrong.add(caller + " got " + status + " (" + verdict + ")");
            }
        }
        assertEquals(List.of(), wrong, row.key() + " at " + base);
    }

    /**
     * One cell's call. Each caller of each cell is another client with an address of its own, so the suite's real
     * per-address limits (the gateway's public limit, the portal's, the breach form's) count it alone.
     */
    private static Response call(Row row, Operation operation, String base, Caller caller) {
        String path = row.path()
                .replace("{id}", UNKNOWN_ID)
                .replace("{personId}", UNKNOWN_ID)
                .replaceAll("\\{[^}]+}", "matrix-probe");
        RestAssuredConfig config = ClientAddresses.restAssured(ClientAddresses.next());
        RequestSpecification request = given().config(config.httpClient(config.getHttpClientConfig()
                                .setParam("http.connection.timeout", 5_000)
                                .setParam("http.socket.timeout", 30_000))
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .baseUri(base)
                .redirects()
                .follow(false);
        String token = token(caller);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (operation.bodyType() != null) {
            // An empty form is no body at all: RestAssured encodes a form from parameters, not from bytes.
            byte[] body = emptyBody(operation.bodyType()).getBytes(StandardCharsets.UTF_8);
            request.contentType(operation.bodyType());
            if (body.length > 0) {
                request.body(body);
            }
        }
        return request.request(row.method(), path);
    }

    private static String emptyBody(String type) {
        return switch (type) {
            case "application/json", "application/merge-patch+json" -> "{}";
            case "text/csv" -> "email\r\n";
            default -> "";
        };
    }

    private static String token(Caller caller) {
        return switch (caller) {
            case NO_TOKEN -> null;
            case INTEGRATION -> Tokens.integration();
            case SUBJECT_LOOKUP -> Tokens.erasureService();
            case EXPIRED, FORGED, UNSIGNED, OTHER_AUDIENCE -> BAD_TOKENS.get(caller);
            default -> Tokens.of(DemoUser.valueOf(caller.name()));
        };
    }

    /** The table, read once per use: small. */
    static List<Row> table() {
        try (InputStream in = AuthorizationMatrixTest.class.getResourceAsStream("/authorization-matrix.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split(",", 3))
                    .map(cells -> new Row(cells[0].strip(), cells[1].strip(), roles(cells[2].strip())))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> roles(String who) {
        if (who.equals("public")) {
            return Set.of();
        }
        Set<String> roles = new TreeSet<>();
        for (String name : who.split("\\s+")) {
            if (name.equals("staff")) {
                roles.addAll(STAFF);
            } else if (Arrays.stream(Caller.values())
                    .anyMatch(c -> c.hasRole() && c.role().equals(name))) {
                roles.add(name);
            } else {
                throw new IllegalArgumentException("authorization-matrix.csv: no role " + name);
            }
        }
        return roles;
    }

    /** Every operation of every service's OpenAPI (and the gateway's own), "METHOD /path" to who serves it. */
    static Map<String, Operation> operations() {
        Map<String, Operation> operations = new TreeMap<>();
        for (String service : suite.serviceNames()) {
            // The gateway's own document is on its management port (not on the port users reach).
            JsonNode paths = openApi(service.equals("gateway") ? suite.managementUrl(service) : suite.url(service))
                    .path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
                Map.Entry<String, JsonNode> path = p.next();
                for (Iterator<Map.Entry<String, JsonNode>> m = path.getValue().fields(); m.hasNext(); ) {
                    Map.Entry<String, JsonNode> method = m.next();
                    if (!Set.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                        continue;
                    }
                    Iterator<String> types = method.getValue()
                            .path("requestBody")
                            .path("content")
                            .fieldNames();
                    operations.put(
                            method.getKey().toUpperCase() + " " + path.getKey(),
                            new Operation(service, types.hasNext() ? types.next() : null));
                }
            }
        }
        return operations;
    }

    /**
     * A service's OpenAPI document, asked for at most three times, each within 30 s. A pooled connection
     * that the server ended meanwhile fails at once ("EOF reached while reading"), and a call without a
     * bound waited for the server's 30-minute idle timeout in CI; the document is static, so asking again
     * is safe.
     */
    private static JsonNode openApi(String base) {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                                .header("Accept", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), base + "/q/openapi");
                return JSON.readTree(response.body());
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(base + "/q/openapi did not answer in three tries", last);
    }
}
