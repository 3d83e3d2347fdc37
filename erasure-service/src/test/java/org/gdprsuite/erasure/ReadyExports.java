package org.gdprsuite.erasure;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.gdprsuite.erasure.export.ExportStore;
import org.gdprsuite.erasure.export.Exports;
import org.gdprsuite.testsupport.DemoUser;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** An access request whose export is ready, without a fan-out: the request taken by the DPO, its bundle stored. */
final class ReadyExports {

    private ReadyExports() {}

    /** A new access request (about one person, no address) with a one-slice bundle ready to download. */
    static UUID ready() {
        return ready(slices -> slices.putObject("alpha-service").put("name", "Ada Lovelace"));
    }

    /** A new access request whose bundle holds the slices {@code fill} puts in. */
    static UUID ready(Consumer<ObjectNode> fill) {
        UUID id = Requests.create(DemoUser.DPO, Map.of("type", "ACCESS", "personIds", List.of(UUID.randomUUID())));
        ObjectNode bundle = JsonNodeFactory.instance.objectNode();
        bundle.put("requestId", id.toString());
        bundle.put("type", "ACCESS");
        bundle.put("generatedAt", Instant.now().toString());
        fill.accept(bundle.putObject("slices"));
        ExportStore store = Arc.container().instance(ExportStore.class).get();
        QuarkusTransaction.requiringNew().run(() -> store.insert(id, bundle, Instant.now()));
        return id;
    }

    /** The download link as mailed (it points at the gateway), opened on this service: its path and token. */
    static String localLink(UUID id, String base) {
        String link = Arc.container().instance(Exports.class).get().downloadLink(id);
        return base.replaceAll("/$", "") + link.substring(link.indexOf("/public"));
    }

    /** The token of a request's download link. */
    static String token(UUID id) {
        String link = Arc.container().instance(Exports.class).get().downloadLink(id);
        return link.substring(link.indexOf("token=") + "token=".length());
    }
}
