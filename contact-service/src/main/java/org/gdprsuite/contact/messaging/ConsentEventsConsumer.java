package org.gdprsuite.contact.messaging;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import javax.sql.DataSource;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.payload.ConsentStateChanged;
import org.gdprsuite.events.payload.ConsentStateEvents;
import org.gdprsuite.runtime.consumer.IdempotentConsumer;
import org.gdprsuite.runtime.db.ArrayColumns;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code consent.events} → whether any purpose currently allows processing a person (the "no valid legal basis"
 * criterion of retention policies and the compliance report), and why not (the decision's reasons, so that a search
 * for persons who may be processed leaves out those a right they exercised denies, see {@link
 * org.gdprsuite.contact.domain.DeniedByRight}). Newer states win; a right's change comes with the same
 * {@code since} and wins the tie, being later on the partition.
 */
@ApplicationScoped
public class ConsentEventsConsumer {

    /** At most one row per person × purpose (see {@link ConsentStateEvents}): a statement may not update a row twice. */
    private static final String UPSERT = """
            INSERT INTO person_legal_basis (person_id, purpose, allowed, since, reasons)
            SELECT p, u, a, s, string_to_array(r, ',')
            FROM unnest(?::uuid[], ?::varchar[], ?::boolean[], ?::timestamptz[], ?::text[]) AS t (p, u, a, s, r)
            ON CONFLICT (person_id, purpose) DO UPDATE
                SET allowed = EXCLUDED.allowed, since = EXCLUDED.since, reasons = EXCLUDED.reasons
            WHERE person_legal_basis.since <= EXCLUDED.since
            """;

    /** The reasons travel as one text per row (an array column cannot be unnested per row); codes have no comma. */
    private static final List<Function<ConsentStateChanged, Object>> COLUMNS = List.of(
            ConsentStateChanged::personId,
            ConsentStateChanged::purpose,
            ConsentStateChanged::allowed,
            ConsentStateChanged::since,
            state -> String.join(",", state.reasons()));

    @Inject
    IdempotentConsumer consumer;

    @Inject
    DataSource dataSource;

    /**
     * A poll at a time (the channel has {@code batch=true}): every consent change of the suite comes here, and a
     * transaction per event kept this service busy for as long as a bulk ingestion lasted. The upsert keeps the
     * newer state, so an event applied again changes nothing: no event id is recorded (an index insert saved).
     */
    @Incoming("consent-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> onEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeUpserts(batch, "consent-events", this::apply);
    }

    /** Applies the states of {@code events} in one statement, with the effect of applying them one by one. */
    public void apply(List<CloudEvent> events) throws SQLException {
        ArrayColumns.executeUpdate(dataSource, UPSERT, ConsentStateEvents.newestPerPersonAndPurpose(events), COLUMNS);
    }
}
