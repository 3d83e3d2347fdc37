package org.gdprsuite.erasure.fanout;

import java.time.Clock;
import java.util.List;

import org.gdprsuite.erasure.domain.Sql;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.ParticipantAnnounced;
import org.gdprsuite.runtime.web.Results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The SQL of dsr_participant: who takes part in data-subject requests; every command waits for them. */
@ApplicationScoped
public class ParticipantStore {

    @Inject
    Sql sql;

    @Inject
    Clock clock;

    /** A participant announced itself (again, perhaps with other actions). */
    @Transactional
    public void announced(ParticipantAnnounced announced) {
        sql.update(
                """
                INSERT INTO dsr_participant (name, version, slice, actions, announced_at) VALUES (?, ?, ?, ?::text[], ?)
                ON CONFLICT (name) DO UPDATE SET version = excluded.version, slice = excluded.slice,
                    actions = excluded.actions, announced_at = excluded.announced_at
                """,
                announced.participant(),
                announced.version(),
                announced.slice(),
                announced.actions().stream().map(Enum::name).toList(),
                clock.instant());
    }

    /** The names of those that answer an action, by name. */
    public List<String> answering(DsrAction action) {
        return sql.list(
                "SELECT name FROM dsr_participant WHERE ? = ANY (actions) ORDER BY name",
                rs -> rs.getString(1),
                action.name());
    }

    public Results<Participant> page(int page, int size) {
        long total = sql.one("SELECT count(*) FROM dsr_participant", rs -> rs.getLong(1))
                .orElse(0L);
        List<Participant> items = sql.list(
                """
                SELECT name, version, slice, CAST(actions AS text[]) AS actions, announced_at FROM dsr_participant
                ORDER BY name LIMIT ? OFFSET ?
                """,
                rs -> new Participant(
                        rs.getString("name"),
                        rs.getString("version"),
                        rs.getString("slice"),
                        Sql.texts(rs, "actions"),
                        Sql.instant(rs, "announced_at")),
                size,
                Results.offset(page, size));
        return new Results<>(items, page, size, total);
    }
}
