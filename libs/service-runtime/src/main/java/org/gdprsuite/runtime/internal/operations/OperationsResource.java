package org.gdprsuite.runtime.internal.operations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gdprsuite.runtime.internal.config.KafkaConfig;
import org.gdprsuite.runtime.internal.config.OperationsConfig;
import org.gdprsuite.runtime.operations.OperationsReport;
import org.gdprsuite.runtime.operations.OperationsReport.DeadLetterTopic;
import org.gdprsuite.runtime.operations.OperationsReport.DeadLetters;
import org.gdprsuite.runtime.operations.OperationsReport.OutboxBacklog;
import org.gdprsuite.runtime.problem.DomainProblem;
import org.gdprsuite.runtime.security.Roles;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Every service's operations report for the DPO and admins, {@code GET /api/operations/<its name>}: its outbox
 * backlog and the dead letters waiting in the dead-letter topics it writes ({@link OperationsReport}). The path
 * names the service so the gateway routes each to its own ({@code /api/operations/contact-service}, ...; its own
 * {@code /api/operations/gateway}); another name is not here (404). Kafka's part is bounded by
 * {@code gdpr.operations.kafka-timeout}: when Kafka does not answer, the outbox figures still come, with the dead
 * letters unknown. The OpenAPI document names the service's own path ({@code SuiteOpenApi}).
 */
@Path(OperationsResource.PATH + "/{service}")
@ApplicationScoped
@RolesAllowed({Roles.DPO, Roles.ADMIN})
public class OperationsResource {

    public static final String PATH = "/api/operations";

    private static final String BACKLOG = """
            SELECT count(*), min(created_at), coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint
            FROM outbox_event
            """;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @Inject
    Config config;

    @Inject
    KafkaConfig kafka;

    @Inject
    OperationsConfig settings;

    @Inject
    DataSource dataSource;

    @Inject
    DeadLetterCounter counter;

    /** Physical names, read once: the channels' configuration does not change while the service runs. */
    private SortedSet<String> deadLetterTopics;

    @PostConstruct
    void readTopics() {
        deadLetterTopics = DeadLetterTopics.of(config);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The service's outbox backlog and the dead letters waiting in the dead-letter topics it writes",
            description = "Outbox: events committed but not yet on Kafka and the age of the oldest (the outbox lag). "
                    + "Dead letters: the records of each dead-letter topic the service's channels write (end minus "
                    + "beginning offsets); null when Kafka did not answer in time.")
    public OperationsReport report(@PathParam("service") String name) {
        if (!service.equals(name)) {
            throw DomainProblem.notFound(
                    "service-not-here", "This service answers for itself only, at " + PATH + "/" + service + ".");
        }
        OutboxBacklog outbox = backlog();
        Map<String, Optional<Long>> counted = counter.count(deadLetterTopics, settings.kafkaTimeout());
        String prefix = kafka.topicPrefix().orElse("");
        List<DeadLetterTopic> topics = new ArrayList<>();
        Long waiting = 0L;
        for (Map.Entry<String, Optional<Long>> topic : counted.entrySet()) {
            String logical =
                    topic.getKey().startsWith(prefix) ? topic.getKey().substring(prefix.length()) : topic.getKey();
            Long records = topic.getValue().orElse(null);
            topics.add(new DeadLetterTopic(logical, records));
            waiting = waiting == null || records == null ? null : waiting + records;
        }
        return new OperationsReport(service, Instant.now(), outbox, new DeadLetters(waiting, topics));
    }

    private OutboxBacklog backlog() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(BACKLOG);
                ResultSet rs = query.executeQuery()) {
            rs.next();
            Timestamp oldest = rs.getTimestamp(2);
            return new OutboxBacklog(rs.getLong(1), oldest == null ? null : oldest.toInstant(), rs.getLong(3));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the outbox backlog", e);
        }
    }
}
