package org.gdprsuite.contact;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentStateChanged;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.gdprsuite.contact.PersonsTest.create;

/**
 * A search for the persons who may be processed agrees with consent-service's decisions as consent.events carries
 * them (real Kafka and PostgreSQL): a person a right denies some purpose (objection, opt-out, restriction decided
 * elsewhere) is left out, and is back once the right's change is published with the same {@code since}; a missing
 * basis alone (per purpose) leaves nobody out.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class ProcessingSearchTest {

    private static final Instant SINCE = Instant.parse("2026-01-10T08:00:00Z");

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Test
    void personsARightDeniesAreLeftOutOfProcessingUntilTheDecisionAllowsAgain() {
        String family = "proc-" + UUID.randomUUID().toString().substring(0, 8);
        UUID allowed = person("Al", family);
        UUID objected = person("Ob", family);
        UUID optedOut = person("Op", family);
        UUID restricted = person("Re", family);
        UUID withoutBasis = person("No", family);

        publish(
                state(allowed, "newsletter", true, List.of()),
                state(objected, "newsletter", true, List.of()),
                state(objected, "profiling", false, List.of("OBJECTED")),
                state(optedOut, "newsletter", false, List.of("OPTED_OUT")),
                state(restricted, "newsletter", false, List.of("RESTRICTED")),
                state(withoutBasis, "newsletter", false, List.of("NO_BASIS")));
        awaitProcessable(family, List.of(allowed, withoutBasis));
        awaitFound(family, false, List.of(allowed, objected, optedOut, restricted, withoutBasis));

        // The objection ends and the restriction is lifted: published again with the same since, they win the tie.
        publish(state(objected, "profiling", true, List.of()), state(restricted, "newsletter", true, List.of()));
        awaitProcessable(family, List.of(allowed, objected, restricted, withoutBasis));
    }

    private static UUID person(String firstName, String lastName) {
        return UUID.fromString(create(DemoUser.SALES, Map.of("firstName", firstName, "lastName", lastName)));
    }

    private void publish(CloudEvent... events) {
        KafkaProbe.send(
                prefix + Topics.CONSENT_EVENTS,
                List.of(events).stream()
                        .map(e -> Map.entry(e.subject(), EventCodec.toJson(e)))
                        .toList());
    }

    private static void awaitProcessable(String family, List<UUID> expected) {
        awaitFound(family, true, expected);
    }

    private static void awaitFound(String family, boolean processing, List<UUID> expected) {
        List<String> ids = expected.stream().map(UUID::toString).sorted().toList();
        Awaitility.await("persons found with processing=" + processing)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> found(family, processing), ids::equals);
    }

    private static List<String> found(String family, boolean processing) {
        List<String> ids = given().auth()
                .oauth2(Tokens.of(DemoUser.MARKETING))
                .queryParam("q", family)
                .queryParam("processing", processing)
                .when()
                .get("/api/contacts/persons")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", String.class);
        return ids.stream().sorted().toList();
    }

    private static CloudEvent state(UUID person, String purpose, boolean allowed, List<String> reasons) {
        return CloudEvent.of(
                "consent-service",
                EventType.CONSENT_STATE_CHANGED,
                person.toString(),
                new ConsentStateChanged(
                        person, purpose, allowed, "CONSENT", allowed ? "GRANTED" : "WITHDRAWN", SINCE, null, reasons));
    }
}
