package org.gdprsuite.runtime.internal.consumer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.runtime.internal.config.ConsumerConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The table {@code processed_event}: the ids of the events each consumer has applied, kept for
 * {@code gdpr.consumer.processed-retention} (as long as a redelivery can happen).
 */
@ApplicationScoped
public class ProcessedEvents {

    @Inject
    DataSource dataSource;

    @Inject
    ConsumerConfig config;

    /**
     * Records the events' ids as processed by {@code consumer}, in the caller's transaction; returns the events
     * that were not, each once, in order.
     */
    public List<CloudEvent> markProcessed(String consumer, List<CloudEvent> events) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(event -> ids.add(event.id()));
        Set<String> fresh = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO processed_event (consumer, event_id) SELECT ?, unnest(?::varchar[])
                ON CONFLICT DO NOTHING RETURNING event_id
                """)) {
            insert.setString(1, consumer);
            insert.setArray(2, connection.createArrayOf("varchar", ids.toArray()));
            try (ResultSet inserted = insert.executeQuery()) {
                while (inserted.next()) {
                    fresh.add(inserted.getString(1));
                }
            }
        }
        List<CloudEvent> toApply = new ArrayList<>(fresh.size());
        for (CloudEvent event : events) {
            if (fresh.remove(event.id())) {
                toApply.add(event);
            }
        }
        return toApply;
    }

    @Scheduled(every = "1h", skipExecutionIf = Scheduled.ApplicationNotRunning.class, delayed = "5m")
    void prune() {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM processed_event WHERE processed_at < now() - make_interval(secs => ?)")) {
                delete.setLong(1, config.processedRetention().toSeconds());
                delete.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not prune processed events", e);
            }
        });
    }
}
