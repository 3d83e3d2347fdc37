package org.gdprsuite.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite's API as a front-end meets it: one OpenAPI document a client can be generated from (Redocly's
 * recommended rules find nothing in it), and errors that are problem details naming their request.
 */
class ApiContractTest extends SystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theMergedOpenApiDocumentPassesTheRecommendedLint() throws Exception {
        String document =
                anonymous().get("/api/openapi").then().statusCode(200).extract().asString();
        JsonNode merged = JSON.readTree(document);
        assertTrue(merged.path("paths").size() > 60, "every service's paths are in the merged document");
        Path file = Path.of("target", "suite-openapi.json").toAbsolutePath();
        Files.writeString(file, document);

        JsonNode report = JSON.readTree(lint(file));
        List<String> problems = new ArrayList<>();
        report.path("problems")
                .forEach(problem -> problems.add(problem.path("severity").asText() + " "
                        + problem.path("ruleId").asText() + ": "
                        + problem.path("message").asText() + " at "
                        + problem.path("location").path(0).path("pointer").asText()));
        assertEquals(List.of(), problems, "Redocly's findings in the merged OpenAPI document");
    }

    @Test
    void anErrorIsAProblemDetailNamingItsRequest() {
        String requestId = "contract-" + UUID.randomUUID();
        as(DemoUser.DPO)
                .header("X-Request-Id", requestId)
                .get("/api/requests/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", startsWith("https://gdpr-suite.org/problems/"))
                .body("instance", equalTo("urn:gdpr-suite:request:" + requestId));
    }

    /** Runs the linter that ./suite test installs (npm's @redocly/cli) and answers its JSON report. */
    private static String lint(Path document) throws IOException, InterruptedException {
        Path root = SuiteStack.projectRoot();
        Path redocly = root.resolve(".stack/redocly/node_modules/.bin/redocly");
        assertTrue(Files.isExecutable(redocly), "the API linter is installed by ./suite test: " + redocly);
        Path report = Path.of("target", "suite-openapi-lint.json").toAbsolutePath();
        Process process = new ProcessBuilder(
                        redocly.toString(),
                        "lint",
                        "--config",
                        root.resolve("redocly.yaml").toString(),
                        "--format=json",
                        "--max-problems=1000",
                        document.toString())
                .redirectOutput(report.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the linter finishes within two minutes");
        return Files.readString(report);
    }
}
