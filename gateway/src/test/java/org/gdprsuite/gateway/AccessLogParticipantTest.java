package org.gdprsuite.gateway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.crypto.RequestSeal;
import org.gdprsuite.runtime.internal.dsr.DsrCommandHandler;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The gateway answers access requests with the person's entries of its access log: the reader's role, never the
 * staff member's name; reads of other persons are not in it.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class AccessLogParticipantTest {

    @Inject
    DataSource dataSource;

    @Inject
    DsrCommandHandler dsr;

    @Test
    void anExportListsWhoReadThePersonsRecordByRole() throws SQLException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String reader = "reader-" + run;
        UUID person = UUID.randomUUID();
        Instant at = Instant.parse("2026-03-01T12:00:00Z");
        try (Connection c = dataSource.getConnection();
                PreparedStatement staff = c.prepareStatement("INSERT INTO staff_user (id, username, first_name,"
                        + " last_name, role, created_at) VALUES (?, ?, 'Grace', 'Hopper-" + run
                        + "', 'sales', now())");
                PreparedStatement log = c.prepareStatement("INSERT INTO access_log (at, principal, client_id, method,"
                        + " path, status, person_id) VALUES (?, ?, ?, 'GET', ?, 200, ?)")) {
            staff.setObject(1, UUID.randomUUID());
            staff.setString(2, reader);
            staff.executeUpdate();
            insert(log, at, reader, null, "/api/contacts/persons/" + person, person);
            insert(log, at.plusSeconds(60), "service-account-crm-" + run, "crm-" + run, "/api/consents/x", person);
            insert(log, at, reader, null, "/api/contacts/persons/other", UUID.randomUUID());
        }

        // As the orchestrator sends it: the slice sealed to the request's key, the address sealed under a data key
        // the gateway has no store for (it finds the reads by person id).
        UUID request = UUID.randomUUID();
        DsrReply reply = dsr.handle(
                UUID.randomUUID().toString(),
                DsrAction.EXPORT,
                new DsrCommand(
                        request,
                        new SubjectIds(List.of(person), List.of("sealed:an-address-the-gateway-cannot-open")),
                        List.of(),
                        RequestSeal.newKeyPair().publicKey(),
                        SealedFields.requestSubject(request)));

        assertEquals(DsrReply.Outcome.DONE, reply.outcome());
        JsonNode reads = reply.slice().path("reads");
        assertEquals(2, reads.size(), "only the person's reads: " + reads);
        assertEquals("sales", reads.get(0).path("role").asText());
        assertEquals("contacts", reads.get(0).path("area").asText());
        assertEquals("2026-03-01T12:00:00Z", reads.get(0).path("at").asText());
        assertEquals("client crm-" + run, reads.get(1).path("role").asText());
        assertEquals("consents", reads.get(1).path("area").asText());
        assertFalse(reads.toString().contains("Hopper"), "the staff member's name stays out");
        assertFalse(reads.toString().contains(reader), "so does their user name");
    }

    private static void insert(
            PreparedStatement log, Instant at, String principal, String client, String path, UUID person)
            throws SQLException {
        log.setTimestamp(1, Timestamp.from(at));
        log.setString(2, principal);
        log.setString(3, client);
        log.setString(4, path);
        log.setObject(5, person);
        log.executeUpdate();
    }
}
