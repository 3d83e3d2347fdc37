package org.gdprsuite.erasure.export;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.erasure.domain.Origin;
import org.gdprsuite.erasure.domain.Request;
import org.gdprsuite.erasure.domain.RequestStatus;
import org.gdprsuite.erasure.domain.RequestType;
import org.gdprsuite.erasure.domain.TaskStatus;
import org.gdprsuite.erasure.domain.TaskStore.Slice;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class ExportBundlesTest {

    @Test
    void aBundleHoldsEverySliceAndTheReasonOfAHeldOne() {
        UUID person = UUID.randomUUID();
        Request request = new Request(
                UUID.randomUUID(),
                RequestType.PORTABILITY,
                RequestStatus.IN_PROGRESS,
                Origin.STAFF,
                "ada@example.org",
                List.of(person),
                null,
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                null);
        Instant at = Instant.parse("2026-12-03T10:00:00Z");
        JsonNode bundle = ExportBundles.render(
                request,
                List.of(
                        new Slice(
                                "alpha-service",
                                TaskStatus.DONE,
                                null,
                                JsonNodeFactory.instance.objectNode().put("name", "Ada")),
                        new Slice("beta-service", TaskStatus.HELD, "Art. 17(3)(b)", null),
                        new Slice("gamma-service", TaskStatus.DONE, null, null)),
                at);

        assertEquals(request.id().toString(), bundle.path("requestId").asText());
        assertEquals("PORTABILITY", bundle.path("type").asText());
        assertEquals(at.toString(), bundle.path("generatedAt").asText());
        assertEquals(person.toString(), bundle.path("personIds").get(0).asText());
        assertEquals(
                "Ada", bundle.path("slices").path("alpha-service").path("name").asText());
        assertEquals(
                "Art. 17(3)(b)",
                bundle.path("slices").path("beta-service").path("heldFor").asText());
        assertTrue(bundle.path("slices").get("gamma-service").isNull());

        Map<String, String> readable = ExportBundles.readable(bundle);
        assertEquals(List.of("alpha-service", "beta-service", "gamma-service"), List.copyOf(readable.keySet()));
        assertTrue(readable.get("alpha-service").contains("\"name\" : \"Ada\""), readable.get("alpha-service"));
    }
}
