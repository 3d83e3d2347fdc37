package org.gdprsuite.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.gdprsuite.demo.DemoData.Consent;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.ConsentRecorded;

import com.fasterxml.jackson.databind.JsonNode;

import static org.gdprsuite.demo.DemoLoader.step;
import static org.gdprsuite.demo.Gateway.MARKETING;

/** The data set's consent decisions, sent to consent-service the way each of them would really arrive. */
final class ConsentUpload {

    /**
     * consent-service's {@code gdpr.consent.backdating-tolerance}: a record further in the past is refused unless
     * it is an import or an integration event with evidence of how it was captured.
     */
    static final Duration BACKDATING_TOLERANCE = Duration.ofMinutes(5);

    /** How long consent-service may take to learn of the imported persons from contact-service's events. */
    static final Duration KNOWN_WITHIN = Duration.ofSeconds(60);

    /** The decision API answers at most this many persons at once. */
    private static final int BATCH = 10_000;

    private final Gateway gateway;
    private final DemoData data;

    ConsentUpload(Gateway gateway, DemoData data) {
        this.gateway = gateway;
        this.data = data;
    }

    /**
     * Web-form and e-mail decisions arrive as {@code consent.recorded} CloudEvents from the integration client,
     * with ids derived from their place in the data set so that a repeated run is recognised as a duplicate;
     * phone consents are recorded by marketing staff. All of them lie in the past: those without evidence (an
     * unsubscribe link, the preference centre, the phone) are sent as what they are today, the import of records
     * kept elsewhere ({@link #source}). Nothing is sent before consent-service knows the persons.
     */
    void run(List<UUID> ids) {
        awaitKnown(ids);
        Instant now = Instant.now();
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
                    source(c, true, now),
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
        step("consents to research interviews given on the phone, entered by marketing", manual.size());
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
                                source(c, false, now),
                                "channel",
                                c.channel(),
                                "noticeVersion",
                                c.noticeVersion())));
    }

    /**
     * The source a record is sent with: its own, unless consent-service would refuse it as backdated, i.e. it lies
     * beyond the tolerance in the past and is not an integration event ({@code viaEvent}) with evidence; such a
     * record is sent as {@code IMPORT}.
     */
    static String source(Consent c, boolean viaEvent, Instant now) {
        boolean backdated = c.effectiveAt().isBefore(now.minus(BACKDATING_TOLERANCE));
        boolean evidenced = viaEvent && (c.ip() != null || c.userAgent() != null || c.formId() != null);
        return backdated && !evidenced ? "IMPORT" : c.source();
    }

    /**
     * consent-service learns of persons from contact-service's events, a moment after the import, and refuses
     * records for persons it does not know yet (422 person-not-found). Asks the decision API, which answers
     * {@code UNKNOWN_SUBJECT} for them, until it knows every demo person, at most {@link #KNOWN_WITHIN}.
     */
    private void awaitKnown(List<UUID> ids) {
        long started = System.nanoTime();
        Instant deadline = Instant.now().plus(KNOWN_WITHIN);
        for (long unknown = unknown(ids); unknown > 0; unknown = unknown(ids)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "consent-service still does not know " + unknown + " demo persons after "
                                + KNOWN_WITHIN.toSeconds() + " s; does it receive contact-service's events?");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        step(
                "persons known to consent-service (after "
                        + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms)",
                ids.size());
    }

    /** How many of {@code ids} consent-service does not know, by batch decisions. */
    private long unknown(List<UUID> ids) {
        long unknown = 0;
        for (int from = 0; from < ids.size(); from += BATCH) {
            JsonNode answer = gateway.post(
                    MARKETING,
                    "/api/consents/decisions",
                    Map.of(
                            "purpose",
                            DemoData.NEWSLETTER,
                            "personIds",
                            ids.subList(from, Math.min(ids.size(), from + BATCH))));
            for (JsonNode decision : answer.path("decisions")) {
                for (JsonNode reason : decision.path("reasons")) {
                    if ("UNKNOWN_SUBJECT".equals(reason.asText())) {
                        unknown++;
                    }
                }
            }
        }
        return unknown;
    }
}
