package org.gdprsuite.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.gdprsuite.demo.DemoData.Consent;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.ConsentRecorded;

import static org.gdprsuite.demo.DemoLoader.step;
import static org.gdprsuite.demo.Gateway.MARKETING;

/** The data set's consent decisions, sent to consent-service the way each of them would really arrive. */
final class ConsentUpload {

    private final Gateway gateway;
    private final DemoData data;

    ConsentUpload(Gateway gateway, DemoData data) {
        this.gateway = gateway;
        this.data = data;
    }

    /**
     * Web-form and e-mail decisions arrive as {@code consent.recorded} CloudEvents from the integration client,
     * with ids derived from their place in the data set so that a repeated run is recognised as a duplicate;
     * phone consents are recorded by marketing staff.
     */
    void run(List<UUID> ids) {
        List<Integer> indexes = IntStream.range(0, data.consents.size()).boxed().toList();
        List<Integer> inbound = indexes.stream()
                .filter(i -> !data.consents.get(i).source().equals("MANUAL"))
                .toList();
        step("consent decisions from the integration client (granted, withdrawn, pending, denied)", inbound.size());
        Gateway.parallel(inbound, i -> {
            Consent c = data.consents.get(i);
            UUID person = ids.get(c.person());
            ConsentRecorded recorded = new ConsentRecorded(
                    person,
                    c.purpose(),
                    c.status(),
                    "CONSENT",
                    c.effectiveAt(),
                    c.source(),
                    c.channel(),
                    c.noticeVersion(),
                    c.ip() == null ? null : new ConsentRecorded.Evidence(c.ip(), c.userAgent(), c.formId()));
            CloudEvent fresh = CloudEvent.of(
                    "urn:gdpr-suite-demo:web-forms", EventType.CONSENT_RECORDED, person.toString(), recorded);
            CloudEvent event = new CloudEvent(
                    fresh.specversion(),
                    UUID.nameUUIDFromBytes(("gdpr-suite-demo/consent/" + i).getBytes(StandardCharsets.UTF_8))
                            .toString(),
                    fresh.source(),
                    fresh.type(),
                    fresh.subject(),
                    c.effectiveAt(),
                    fresh.datacontenttype(),
                    fresh.data());
            gateway.send(
                    Gateway.integration(),
                    "POST",
                    "/api/consents/inbound",
                    CloudEvent.STRUCTURED_CONTENT_TYPE,
                    EventCodec.toJson(event),
                    200,
                    201);
        });
        List<Consent> manual =
                data.consents.stream().filter(c -> c.source().equals("MANUAL")).toList();
        step("consents to research interviews given on the phone, recorded by marketing", manual.size());
        Gateway.parallel(
                manual,
                c -> gateway.post(
                        MARKETING,
                        "/api/consents/persons/" + ids.get(c.person()) + "/purposes/" + c.purpose(),
                        Map.of(
                                "legalBasis",
                                "CONSENT",
                                "status",
                                c.status(),
                                "effectiveAt",
                                c.effectiveAt().toString(),
                                "source",
                                c.source(),
                                "channel",
                                c.channel(),
                                "noticeVersion",
                                c.noticeVersion())));
    }
}
