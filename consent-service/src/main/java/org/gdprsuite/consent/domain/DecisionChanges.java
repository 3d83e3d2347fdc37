package org.gdprsuite.consent.domain;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionScoped;

/**
 * Hears PostgreSQL announce each change of a decision's inputs (channel {@code decision_changed}, see
 * {@link DecisionCache}) on a connection of its own, and makes the cache forget the person. Until it listens,
 * and whenever the connection fails (announcements may have been missed), the cache keeps nothing.
 * <p>
 * Read-your-writes on this replica: each transaction this service ends is counted; memory answers again only
 * once the announcements of every counted commit were heard (a round trip on the listening connection brings
 * all those committed before it).
 */
@ApplicationScoped
public class DecisionChanges {

    static final String CHANNEL = "decision_changed";
    private static final Logger LOG = Logger.getLogger(DecisionChanges.class);
    private static final int WAIT_MILLIS = 5;

    @Inject
    DataSource dataSource;

    @Inject
    DecisionCache cache;

    private final AtomicLong ended = new AtomicLong();
    private volatile long heardUpTo = -1;
    private volatile boolean listening;
    private volatile boolean running;
    private Thread listener;

    /** Whether memory may answer: listening, and every transaction ended here is accounted for. */
    public boolean settled() {
        return listening && heardUpTo == ended.get();
    }

    void transactionEnded(@Observes @Destroyed(TransactionScoped.class) Object transaction) {
        ended.incrementAndGet();
    }

    synchronized void start(@Observes StartupEvent event) {
        running = true;
        listener = new Thread(this::listenUntilStopped, "decision-changes");
        listener.setDaemon(true);
        listener.start();
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listenUntilStopped() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                listen(connection);
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("Not hearing decision changes, decisions read from the database: %s", e.getMessage());
                }
            } finally {
                listening = false;
                cache.forgetAll();
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void listen(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
            PGConnection pg = connection.unwrap(PGConnection.class);
            cache.forgetAll();
            listening = true;
            while (running) {
                long target = ended.get();
                if (target != heardUpTo) {
                    // Everything committed before this round trip is announced before its answer.
                    statement.execute("SELECT 1");
                    heard(pg.getNotifications());
                    heardUpTo = target;
                } else {
                    heard(pg.getNotifications(WAIT_MILLIS));
                }
            }
        }
    }

    private void heard(PGNotification[] notifications) {
        if (notifications == null) {
            return;
        }
        for (PGNotification notification : notifications) {
            String what = notification.getParameter();
            if ("*".equals(what)) {
                cache.forgetAll();
            } else {
                try {
                    cache.forget(UUID.fromString(what));
                } catch (IllegalArgumentException e) {
                    cache.forgetAll();
                }
            }
        }
    }
}
