package org.gdprsuite.systemtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentRecorded;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.ServiceProcess;
import org.gdprsuite.testsupport.SuiteKafka;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 27's "scale out, proved": with every service running as two instances ({@code -Dgdpr.replicas=2},
 * {@code ./suite test --replicas=2}), same database and same consumer groups, the work is shared and done once.
 * Skipped in a run with one instance of each service.
 */
class ScaleOutTest extends SystemTest {

    private static final int PERSONS = 8;
    private static final int EVENTS_PER_PERSON = 25;
    private static final Duration SETTLE = Duration.ofMinutes(2);

    @BeforeAll
    static void twoInstances() {
        assumeTrue(RunningSuite.REPLICAS >= 2, "run with -Dgdpr.replicas=2 (./suite test --replicas=2)");
    }

    @Test
    void twoInstancesShareTheWorkAndDoItOnce() throws Exception {
        List<UUID> persons = new ArrayList<>();
        for (int i = 0; i < PERSONS; i++) {
            persons.add(createPerson("Scale", "Out" + i, uniqueEmail("scale.out" + i), Map.of()));
        }
        persons.forEach(SystemTest::awaitKnownToConsents);
        Map<String, KafkaProbe.Mark> marks = new HashMap<>();
        for (String topic : List.of(Topics.CONSENT_EVENTS, Topics.DSR_COMMANDS, Topics.DSR_REPLIES)) {
            marks.put(topic, KafkaProbe.mark(suite.topic(topic)));
        }

        decisionsAreAnsweredByEveryInstance(persons);
        aBurstOfConsentEventsIsAppliedOnce(persons);
        erasuresApprovedTogetherCompleteOnceOverEveryParticipant(persons);
        nothingIsPublishedTwice(marks);
    }

    /** Through the gateway, the decisions are spread over both instances of consent-service. */
    private static void decisionsAreAnsweredByEveryInstance(List<UUID> persons) {
        Map<String, Double> before = decisionsAnswered();
        for (int call = 0; call < 40; call++) {
            decisionOf(persons.get(call % persons.size()), NEWSLETTER);
        }
        Map<String, Double> after = decisionsAnswered();
        after.forEach((instance, answered) -> assertTrue(
                answered - before.getOrDefault(instance, 0.0) >= 5,
                "decisions answered by " + instance + ": " + before + " → " + after));
    }

    /** Decisions answered so far, by instance of consent-service (its http_server_requests metric). */
    private static Map<String, Double> decisionsAnswered() {
        Map<String, Double> answered = new HashMap<>();
        HttpClient http = HttpClient.newHttpClient();
        for (ServiceProcess instance : suite.instances("consent-service")) {
            try {
                String metrics = http.send(
                                HttpRequest.newBuilder(URI.create(instance.managementUrl() + "/q/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                answered.put(
                        instance.url(),
                        metrics.lines()
                                .filter(line -> line.startsWith("http_server_requests_seconds_count{")
                                        && line.contains("uri=\"/api/consents/decisions\"")
                                        && line.contains("status=\"200\""))
                                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                                .sum());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assertEquals(RunningSuite.REPLICAS, answered.size());
        return answered;
    }

    /**
     * Every person's shop events, each third one sent twice: the consent.inbound partitions are shared by both
     * instances and each event lands in the ledger once.
     */
    private static void aBurstOfConsentEventsIsAppliedOnce(List<UUID> persons) throws Exception {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        Instant start = Instant.now().minus(Duration.ofHours(1));
        ConsentRecorded.Evidence form = new ConsentRecorded.Evidence("198.51.100.7", "Mozilla/5.0", "scale-out");
        for (int i = 0; i <= EVENTS_PER_PERSON; i++) {
            String status = i % 2 == 0 ? "GRANTED" : "WITHDRAWN";
            for (UUID person : persons) {
                ConsentRecorded recorded = new ConsentRecorded(
                        person, NEWSLETTER, status, "CONSENT", start.plusSeconds(i), "WEB_FORM", "shop", null, form);
                String json = EventCodec.toJson(
                        CloudEvent.of("web-shop", EventType.CONSENT_RECORDED, person.toString(), recorded));
                records.add(Map.entry(person.toString(), json));
                if (i % 3 == 0 && i < EVENTS_PER_PERSON) {
                    records.add(Map.entry(person.toString(), json));
                }
            }
        }
        KafkaProbe.send(suite.topic(Topics.CONSENT_INBOUND), records);
        long expected = (long) persons.size() * (EVENTS_PER_PERSON + 1);
        eventually().atMost(SETTLE).until(() -> ledgerRecordsFromTheShop(persons) >= expected);
        assertEquals(expected, ledgerRecordsFromTheShop(persons), "records in consent-service's ledger");
        assertTrue(
                inboundConsumers().size() >= 2,
                "consent.inbound's partitions are shared by the instances: " + inboundConsumers());
    }

    /** Members of consent-service's group that hold partitions of this run's consent.inbound, with their partitions. */
    private static Map<String, Set<Integer>> inboundConsumers() throws Exception {
        String topic = suite.topic(Topics.CONSENT_INBOUND);
        try (Admin admin = Admin.create(SuiteKafka.as(SuiteKafka.ADMIN))) {
            Map<String, Set<Integer>> members = new HashMap<>();
            for (ConsumerGroupDescription group : admin.describeConsumerGroups(List.of("consent-service"))
                    .all()
                    .get()
                    .values()) {
                group.members()
                        .forEach(member -> member.assignment().topicPartitions().stream()
                                .filter(partition -> partition.topic().equals(topic))
                                .forEach(partition -> members.computeIfAbsent(member.consumerId(), m -> new HashSet<>())
                                        .add(partition.partition())));
            }
            return members;
        }
    }

    /**
     * Erasures of every person, approved at once by several DPO sessions: each completes, every participant did its
     * part once (one task each, answered at the first attempt).
     */
    private static void erasuresApprovedTogetherCompleteOnceOverEveryParticipant(List<UUID> persons) throws Exception {
        awaitParticipants();
        List<UUID> requests = new ArrayList<>();
        for (UUID person : persons) {
            // Taken by the DPO (identity checked by staff), approved below all at once.
            Response taken = as(DemoUser.DPO)
                    .contentType(ContentType.JSON)
                    .body(Map.of("type", "ERASURE", "personIds", List.of(person)))
                    .post("/api/requests");
            assertEquals(201, taken.statusCode(), taken.asString());
            requests.add(UUID.fromString(taken.path("id")));
        }
        ExecutorService dpo = Executors.newFixedThreadPool(requests.size());
        try {
            List<Callable<Integer>> approvals = requests.stream()
                    .<Callable<Integer>>map(request -> () -> as(DemoUser.DPO)
                            .when()
                            .post("/api/requests/" + request + "/approval")
                            .statusCode())
                    .toList();
            for (Future<Integer> approval : dpo.invokeAll(approvals)) {
                assertEquals(200, approval.get());
            }
        } finally {
            dpo.shutdown();
        }
        eventually().atMost(SETTLE).until(() -> requests.stream().allMatch(r -> "COMPLETED".equals(status(r))));
        try (Connection db = suite.database("erasure-service");
                PreparedStatement query = db.prepareStatement(
                        "SELECT participant, count(*), max(attempts), bool_and(status = 'DONE') FROM dsr_task"
                                + " WHERE request_id = ANY(?) GROUP BY participant")) {
            Array ids = db.createArrayOf("uuid", requests.toArray());
            query.setArray(1, ids);
            Map<String, String> tasks = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tasks.put(
                            rows.getString(1),
                            rows.getLong(2) + " tasks, at most " + rows.getInt(3) + " attempts, done "
                                    + rows.getBoolean(4));
                }
            }
            assertTrue(tasks.keySet().containsAll(PARTICIPANTS), "participants with tasks: " + tasks);
            tasks.forEach((participant, done) ->
                    assertEquals(requests.size() + " tasks, at most 1 attempts, done true", done, participant));
        }
    }

    private static String status(UUID request) {
        return as(DemoUser.DPO)
                .when()
                .get("/api/requests/" + request)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    /** Both instances relay the same outboxes: no event id twice on the topics they publish to. */
    private static void nothingIsPublishedTwice(Map<String, KafkaProbe.Mark> marks) {
        marks.forEach((topic, mark) -> {
            long written = KafkaProbe.count(mark.topic())
                    - mark.ends().values().stream().mapToLong(Long::longValue).sum();
            List<ConsumerRecord<String, String>> records =
                    KafkaProbe.awaitRecordsAfter(mark, read -> read.size() >= written, Duration.ofSeconds(30));
            List<String> ids =
                    records.stream().map(r -> EventCodec.parse(r.value()).id()).toList();
            assertTrue(ids.size() > 0, "events on " + topic);
            assertEquals(ids.size(), new HashSet<>(ids).size(), "event ids published twice on " + topic);
        });
    }

    /** The persons' records from the shop's events in consent-service's ledger, counted in its database. */
    private static long ledgerRecordsFromTheShop(List<UUID> persons) throws java.sql.SQLException {
        try (Connection db = suite.database("consent-service");
                PreparedStatement query = db.prepareStatement(
                        "SELECT count(*) FROM consent_record WHERE person_id = ANY(?) AND source = 'WEB_FORM'")) {
            query.setArray(1, db.createArrayOf("uuid", persons.toArray()));
            try (ResultSet count = query.executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        }
    }
}
