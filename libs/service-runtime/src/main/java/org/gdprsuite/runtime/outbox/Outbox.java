package org.gdprsuite.runtime.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.runtime.internal.outbox.OutboxRelay;
import org.gdprsuite.runtime.internal.outbox.TraceContext;

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

    /** Any number of rows in one statement (one array per column). */
    private static final String INSERT = """
            INSERT INTO outbox_event (event_id, topic, record_key, event_type, envelope, traceparent)
            SELECT id, ?, record_key, event_type, envelope, ?
            FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::text[]) AS e (id, record_key, event_type, envelope)
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

    /**
     * Records one event of {@code type} per payload, keyed by {@code subject} of the payload, in one
     * statement: as {@link #publish} called for each, in order. Must run inside the transaction of the state
     * change they report.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> List<CloudEvent> publishAll(EventType type, List<T> payloads, Function<T, String> subject) {
        List<CloudEvent> events = new ArrayList<>(payloads.size());
        for (T payload : payloads) {
            events.add(CloudEvent.of(source, type, subject.apply(payload), payload));
        }
        appendAll(events, type.topic());
        return events;
    }

    /** Records an already-built event (e.g. a reply that is sent again). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(CloudEvent event, String topic) {
        appendAll(List.of(event), topic);
    }

    /** Records already-built events for {@code topic}, in order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<CloudEvent> events, String topic) {
        if (events.isEmpty()) {
            return;
        }
        String[] ids = new String[events.size()];
        String[] keys = new String[events.size()];
        String[] types = new String[events.size()];
        String[] envelopes = new String[events.size()];
        for (int i = 0; i < ids.length; i++) {
            CloudEvent event = events.get(i);
            ids[i] = event.id();
            keys[i] = event.subject();
            types[i] = event.type();
            envelopes[i] = EventCodec.toJson(event);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, topic);
            insert.setString(2, TraceContext.current());
            insert.setArray(3, connection.createArrayOf("varchar", ids));
            insert.setArray(4, connection.createArrayOf("varchar", keys));
            insert.setArray(5, connection.createArrayOf("varchar", types));
            insert.setArray(6, connection.createArrayOf("text", envelopes));
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
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
