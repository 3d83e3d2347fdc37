package org.gdprsuite.erasure.export;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gdprsuite.erasure.domain.Request;
import org.gdprsuite.erasure.domain.TaskStatus;
import org.gdprsuite.erasure.domain.TaskStore.Slice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The export of an access or portability request as the person receives it: one machine-readable bundle (Art. 20)
 * of every participant's slice, a held slice replaced by its legal reason. Pure.
 */
public final class ExportBundles {

    /** The name a bundle is saved under, wherever it is downloaded (the portal's link, the centre's See). */
    public static final String FILE_NAME = "my-data.json";

    /** The {@code Content-Disposition} of a bundle's download: saved as {@link #FILE_NAME}. */
    public static final String ATTACHMENT = "attachment; filename=\"" + FILE_NAME + "\"";

    private ExportBundles() {}

    public static ObjectNode render(Request request, List<Slice> slices, Instant generatedAt) {
        ObjectNode bundle = JsonNodeFactory.instance.objectNode();
        bundle.put("requestId", request.id().toString());
        bundle.put("type", request.type().name());
        bundle.put("generatedAt", generatedAt.toString());
        ArrayNode personIds = bundle.putArray("personIds");
        request.personIds().forEach(id -> personIds.add(id.toString()));
        ObjectNode bySlice = bundle.putObject("slices");
        for (Slice slice : slices) {
            if (slice.status() == TaskStatus.HELD) {
                bySlice.putObject(slice.participant()).put("heldFor", slice.legalReason());
            } else {
                bySlice.set(
                        slice.participant(),
                        slice.content() == null ? JsonNodeFactory.instance.nullNode() : slice.content());
            }
        }
        return bundle;
    }

    /** Each slice of a bundle as indented JSON, for the page a person reads. */
    public static Map<String, String> readable(JsonNode bundle) {
        Map<String, String> slices = new LinkedHashMap<>();
        bundle.path("slices")
                .fields()
                .forEachRemaining(e -> slices.put(e.getKey(), e.getValue().toPrettyString()));
        return slices;
    }
}
