package org.gdprsuite.gateway;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

import org.gdprsuite.gateway.domain.AccessLog;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access log against the real gateway database, with a switch that takes the database "down": it never
 * drops an entry; when it cannot keep up it refuses new calls instead, and catches up when it can.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class AccessLogTest {

    @Inject
    DataSource dataSource;

    private final AtomicBoolean down = new AtomicBoolean();

    @Test
    void aFullLogRefusesCallsUntilTheDatabaseTakesItsEntriesAgain() throws SQLException {
        AccessLog log = new AccessLog(switchable(), 3, 10);
        log.start();
        String run = UUID.randomUUID().toString();
        try {
            down.set(true);
            for (int i = 0; i < 3; i++) {
                assertTrue(log.admit(), "a place in the log for call " + i);
                log.record(call(run + "-" + i, 200));
            }
            assertFalse(log.admit(), "the log is full while the database is down: the call is refused");

            down.set(false);
            for (int i = 0; i < 100 && log.pending() > 0; i++) {
                pause();
            }
            assertEquals(0, log.pending());
            assertTrue(log.admit(), "the database took the entries: calls are admitted again");
            log.record(call(run + "-3", 404));
        } finally {
            log.stop();
        }
        // Stopping wrote what was still waiting.
        assertEquals(Map.of(run + "-0", 200, run + "-1", 200, run + "-2", 200, run + "-3", 404), statuses(run));
    }

    @Test
    void valuesLongerThanTheColumnsCannotFailABatch() throws SQLException {
        AccessLog log = new AccessLog(dataSource, 10, 10);
        log.start();
        String run = UUID.randomUUID().toString();
        try {
            assertTrue(log.admit());
            log.record(new AccessLog.Call(
                    "x".repeat(500),
                    "c".repeat(500),
                    "PROPPATCHING",
                    "/api/contacts/" + "p".repeat(3000),
                    null,
                    200,
                    run + "-long"));
            assertTrue(log.admit());
            log.record(new AccessLog.Call(null, null, "GET", "/api/contacts/persons", null, 200, run + "-plain"));
        } finally {
            log.stop();
        }
        assertEquals(Map.of(run + "-long", 200, run + "-plain", 200), statuses(run));
    }

    private static AccessLog.Call call(String requestId, int status) {
        return new AccessLog.Call(
                "support", "suite-cli", "GET", "/api/contacts/persons/" + UUID.randomUUID(), null, status, requestId);
    }

    /** The gateway's data source, unless switched "down": then every connection attempt fails. */
    private DataSource switchable() {
        return (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && down.get()) {
                        throw new SQLException("the database is down (test)", "08001");
                    }
                    try {
                        return method.invoke(dataSource, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private Map<String, Integer> statuses(String run) throws SQLException {
        Map<String, Integer> found = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT request_id, status FROM access_log WHERE request_id LIKE ?")) {
            select.setString(1, run + "%");
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return found;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
