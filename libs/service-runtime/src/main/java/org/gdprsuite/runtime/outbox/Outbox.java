package org.gdprsuite.runtime.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Where a service writes the events of a state change: into the outbox table, inside the caller's
 * transaction, so the change and its event commit or roll back together (no dual write). The
 * {@link OutboxRelay} publishes committed rows to Kafka.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            INSERT INTO outbox_event (event_id, topic, record_key, event_type, envelope, traceparent)
            VALUES (?, ?, ?, ?, ?, ?)
            """;

    @Inject
    DataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "quarkus.application.name")
    String source;

    /**
     * Records an event for {@code subject} (the record key: a contact id, or a request id for DSR
     * traffic). Must run inside the transaction of the state change it reports.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent publish(EventType type, String subject, Object payload) {
        CloudEvent event = CloudEvent.of(source, type, subject, payload);
        append(event, type.topic());
        return event;
    }

    /** Records an already-built event (e.g. a reply that is sent again). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(CloudEvent event, String topic) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, event.id());
            insert.setString(2, topic);
            insert.setString(3, event.subject());
            insert.setString(4, event.type());
            insert.setString(5, EventCodec.toJson(event));
            insert.setString(6, TraceContext.current());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write to the outbox", e);
        }
        wakeRelayAfterCommit();
    }

    /** Publishing right after the commit keeps event latency low; polling is only the safety net. */
    private void wakeRelayAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
