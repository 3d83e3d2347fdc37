package org.gdprsuite.contact;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.contact.domain.Person;
import org.gdprsuite.contact.domain.PersonField;
import org.gdprsuite.contact.domain.UnsealedValues;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.events.payload.PersonCreated;
import org.gdprsuite.events.payload.PersonUpdated;
import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.crypto.SubjectCipher;
import org.gdprsuite.runtime.crypto.TamperedException;
import org.gdprsuite.runtime.internal.dsr.DsrCommandHandler;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sensitive fields sealed in the real PostgreSQL with per-person keys; erasure shreds the key, so an
 * older pg_dump restored elsewhere and the Kafka history (where the email travels sealed) give nothing of
 * the erased person back.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class EncryptionAtRestTest {

    /** Sealed column and the field name it is bound to. */
    private static final Map<String, String> SEALED = Map.of(
            "national_id",
            "nationalId",
            "bank_account",
            "bankAccount",
            "birth_date",
            "birthDate",
            "health_notes",
            "healthNotes");

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Inject
    DsrCommandHandler dsr;

    @Inject
    SubjectCipher cipher;

    @Inject
    UnsealedValues unsealed;

    @Inject
    DataSource dataSource;

    @Test
    void theColumnsHoldNoPlaintextAndTheRolesSeeWhatTheyMay() throws Exception {
        String id = PersonsTest.create(DemoUser.DPO, PersonsTest.ada("ada." + UUID.randomUUID() + "@example.org"));

        Map<String, String> raw = row("public", id);
        raw.values().forEach(value -> assertTrue(value.startsWith("v1."), value));
        String all = String.join(" ", raw.values());
        for (String plain : List.of("AB-123456", "DE89370400440532013000", "1815-12-10", "wheelchair access")) {
            assertFalse(all.contains(plain));
        }
        given().auth()
                .oauth2(Tokens.of(DemoUser.FINANCE))
                .when()
                .get("/api/contacts/persons/" + id)
                .then()
                .statusCode(200)
                .body("bankAccount", equalTo("DE89370400440532013000"))
                .body("birthDate", equalTo("1815-12-10"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/contacts/persons/" + id)
                .then()
                .statusCode(200)
                .body("healthNotes", equalTo("wheelchair access"));
    }

    @Test
    void aSealedValueMovedToAnotherPersonOrFieldIsDetected() throws Exception {
        String ada = PersonsTest.create(
                DemoUser.DPO,
                Map.of(
                        "firstName",
                        "Ada",
                        "lastName",
                        "Tampered",
                        "bankAccount",
                        "DE89370400440532013000",
                        "nationalId",
                        "AB-123456"));
        String eve = PersonsTest.create(
                DemoUser.DPO,
                Map.of(
                        "firstName",
                        "Eve",
                        "lastName",
                        "Tampered",
                        "bankAccount",
                        "GB33BUKB20201555555555",
                        "nationalId",
                        "EV-000001"));

        sql("UPDATE person SET bank_account = (SELECT bank_account FROM person WHERE id = '" + ada + "') WHERE id = '"
                + eve + "'");
        sql("UPDATE person SET national_id = bank_account WHERE id = '" + ada + "'");
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                assertThrows(
                        TamperedException.class,
                        () -> PersonField.BANK_ACCOUNT.get(Person.findById(UUID.fromString(eve))));
                assertThrows(
                        TamperedException.class,
                        () -> PersonField.NATIONAL_ID.get(Person.findById(UUID.fromString(ada))));
            });
        } finally {
            // Other tests list every person; integrity failures would break them.
            sql("DELETE FROM person_change WHERE person_id IN ('" + ada + "', '" + eve + "')");
            sql("DELETE FROM person WHERE id IN ('" + ada + "', '" + eve + "')");
        }
    }

    @Test
    void plaintextLeftByTheMigrationIsSealed() throws Exception {
        UUID id = UUID.randomUUID();
        sql("INSERT INTO person (id, first_name, last_name) VALUES ('" + id + "', 'Grace', 'Hopper')");
        sql("INSERT INTO person_unsealed (person_id, national_id, birth_date, health_notes) VALUES ('" + id
                + "', 'GH-1906', '1906-12-09', 'hearing loop')");

        assertTrue(unsealed.sealAll() >= 1);

        Map<String, String> raw = row("public", id.toString());
        assertTrue(raw.get("national_id").startsWith("v1.")
                && raw.get("birth_date").startsWith("v1."));
        assertEquals(null, raw.get("bank_account"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/contacts/persons/" + id)
                .then()
                .statusCode(200)
                .body("nationalId", equalTo("GH-1906"))
                .body("birthDate", equalTo("1906-12-09"))
                .body("healthNotes", equalTo("hearing loop"));
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet left =
                        s.executeQuery("SELECT count(*) FROM person_unsealed WHERE person_id = '" + id + "'")) {
            left.next();
            assertEquals(0, left.getInt(1));
        }
    }

    @Test
    void anAdminRotatesTheDataKeysOthersMayNot() {
        PersonsTest.create(DemoUser.DPO, PersonsTest.ada("ada." + UUID.randomUUID() + "@example.org"));

        given().auth()
                .oauth2(Tokens.of(DemoUser.ADMIN))
                .when()
                .post("/api/contacts/keys/rotate")
                .then()
                .statusCode(200)
                .body("activeMasterKey", equalTo("test"))
                .body("rewrapped", equalTo(0))
                .body("keysPerMasterKey.test", greaterThanOrEqualTo(1));
        given().auth()
                .oauth2(Tokens.of(DemoUser.ADMIN))
                .when()
                .get("/api/contacts/keys")
                .then()
                .statusCode(200)
                .body("test", greaterThanOrEqualTo(1));
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .post("/api/contacts/keys/rotate")
                .then()
                .statusCode(403);
        given().when().get("/api/contacts/keys").then().statusCode(401);
    }

    @Test
    void anErasedPersonStaysUnreadableInAnOlderDumpAndInTheEventHistory() throws Exception {
        String adaEmail = "ada." + UUID.randomUUID() + "@example.org";
        String bobEmail = "bob." + UUID.randomUUID() + "@example.org";
        String ada = PersonsTest.create(DemoUser.DPO, PersonsTest.ada(adaEmail));
        String bob = PersonsTest.create(
                DemoUser.DPO,
                Map.of(
                        "firstName",
                        "Bob",
                        "lastName",
                        "Kept",
                        "email",
                        bobEmail,
                        "nationalId",
                        "BK-424242",
                        "healthNotes",
                        "none known",
                        "country",
                        "NL",
                        "source",
                        "fair-2026"));
        Path dump = Files.createTempFile("contact-", ".sql");
        // The documented backup of data: everything but the keys, which are backed up apart.
        run(
                "pg_dump",
                "--no-owner",
                "--no-privileges",
                "--exclude-table-data=subject_key",
                "-f",
                dump.toString(),
                database());
        String dumped = Files.readString(dump);
        assertTrue(dumped.contains(ada) && dumped.contains(bob), "both persons are in the dump");
        assertFalse(
                dumped.contains("AB-123456") || dumped.contains("wheelchair access") || dumped.contains("1815-12-10"));

        SubjectIds subject = new SubjectIds(List.of(UUID.fromString(ada)), List.of());
        assertEquals(
                DsrReply.Outcome.DONE,
                dsr.handle(
                                UUID.randomUUID().toString(),
                                DsrAction.ERASE,
                                new DsrCommand(UUID.randomUUID(), subject, List.of()))
                        .outcome());

        // Restored next to the live data (the test's role may not create databases): the dump's schema renamed.
        String scratch = "restored_" + UUID.randomUUID().toString().substring(0, 8);
        Path restore = Files.writeString(Files.createTempFile("restore-", ".sql"), intoSchema(dumped, scratch));
        try {
            run("psql", "-q", "-v", "ON_ERROR_STOP=1", "-f", restore.toString(), database());

            // The restored row of the erased person still holds their sealed values, and none opens.
            Map<String, String> restored = row(scratch, ada);
            assertEquals(
                    4,
                    restored.values().stream()
                            .filter(v -> v != null && v.startsWith("v1."))
                            .count(),
                    restored.toString());
            restored.forEach((column, value) ->
                    assertEquals(Optional.empty(), cipher.open(ada, SEALED.get(column), value), column));
            // The same backup still serves everyone else.
            Map<String, String> kept = row(scratch, bob);
            assertEquals(Optional.of("BK-424242"), cipher.open(bob, "nationalId", kept.get("national_id")));
            assertEquals(Optional.of("none known"), cipher.open(bob, "healthNotes", kept.get("health_notes")));
        } finally {
            sql("DROP SCHEMA IF EXISTS " + scratch + " CASCADE");
        }

        // Replaying contact.events from the beginning (a fresh consumer): no email in plaintext; the erased
        // person's sealed email no longer opens, the other person's still does.
        List<ConsumerRecord<String, String>> history = KafkaProbe.readUntil(
                prefix + Topics.CONTACT_EVENTS,
                records -> records.stream()
                                        .filter(r ->
                                                ada.equals(r.key()) && r.value().contains("anonymized"))
                                        .count()
                                >= 1
                        && records.stream().anyMatch(r -> bob.equals(r.key())),
                Duration.ofSeconds(30));
        List<String> hers = history.stream()
                .filter(r -> ada.equals(r.key()))
                .map(ConsumerRecord::value)
                .toList();
        assertTrue(hers.size() >= 2, "created and anonymized");
        for (ConsumerRecord<String, String> record : history) {
            for (String plain : List.of(
                    adaEmail, bobEmail, "AB-123456", "DE89370400440532013000", "1815-12-10", "wheelchair access")) {
                assertFalse(record.value().contains(plain), record.value());
            }
        }
        assertEquals(
                List.of(Optional.empty()),
                emails(history, ada).stream().distinct().toList(),
                "hers are shredded");
        assertEquals(
                List.of(Optional.of(bobEmail)),
                emails(history, bob).stream().distinct().toList(),
                "his open");
        // What selections filter on travels sealed as the email does.
        PersonCreated his = history.stream()
                .filter(r -> bob.equals(r.key()))
                .map(r -> EventCodec.parse(r.value()))
                .filter(e -> EventType.PERSON_CREATED.type().equals(e.type()))
                .map(e -> e.dataAs(PersonCreated.class))
                .findFirst()
                .orElseThrow();
        assertTrue(SubjectCipher.isSealed(his.country()) && SubjectCipher.isSealed(his.source()), his.toString());
        assertEquals(Optional.of("NL"), cipher.openReceived(bob, SealedFields.COUNTRY, his.country()));
        assertEquals(Optional.of("fair-2026"), cipher.openReceived(bob, SealedFields.SOURCE, his.source()));
        assertNull(his.organisationId(), "he works for no organisation");
    }

    @Test
    void theLastActivityTravelsSealedAndOnlyWhenItMovesForward() {
        String person =
                PersonsTest.create(DemoUser.DPO, PersonsTest.ada("active." + UUID.randomUUID() + "@example.org"));
        for (String at : List.of("2026-05-02T09:00:00Z", "2026-05-01T09:00:00Z", "2026-05-03T09:00:00Z")) {
            given().auth()
                    .oauth2(Tokens.of(DemoUser.SUPPORT))
                    .contentType(ContentType.JSON)
                    .body(Map.of("type", "CALL", "subject", "Call", "occurredAt", at))
                    .when()
                    .post("/api/contacts/persons/" + person + "/activities")
                    .then()
                    .statusCode(201);
        }
        List<ConsumerRecord<String, String>> history = KafkaProbe.readUntil(
                prefix + Topics.CONTACT_EVENTS,
                records -> lastActivities(records, person).contains(Optional.of("2026-05-03T09:00:00Z")),
                Duration.ofSeconds(30));
        assertEquals(
                List.of(Optional.of("2026-05-02T09:00:00Z"), Optional.of("2026-05-03T09:00:00Z")),
                lastActivities(history, person),
                "one update per move forward, none for the back-dated call");
    }

    /** The last activities of a person's updated events, opened; each must have travelled sealed. */
    private List<Optional<String>> lastActivities(List<ConsumerRecord<String, String>> records, String person) {
        return records.stream()
                .filter(r -> person.equals(r.key()))
                .map(r -> EventCodec.parse(r.value()))
                .filter(e -> EventType.PERSON_UPDATED.type().equals(e.type()))
                .map(e -> e.dataAs(PersonUpdated.class).lastActivityAt())
                .peek(at -> assertTrue(SubjectCipher.isSealed(at), at))
                .map(at -> cipher.openReceived(person, SealedFields.LAST_ACTIVITY, at))
                .toList();
    }

    /** The emails of a person's created and updated events, as a consumer opens them. */
    private List<Optional<String>> emails(List<ConsumerRecord<String, String>> history, String person) {
        List<Optional<String>> emails = history.stream()
                .filter(r -> person.equals(r.key()))
                .map(r -> EventCodec.parse(r.value()))
                .filter(e -> EventType.PERSON_CREATED.type().equals(e.type())
                        || EventType.PERSON_UPDATED.type().equals(e.type()))
                .map(e -> e.dataAs(PersonCreated.class).email())
                .peek(email -> assertTrue(SubjectCipher.isSealed(email), email))
                .map(email -> cipher.openReceived(person, SealedFields.EMAIL, email))
                .toList();
        assertFalse(emails.isEmpty(), "the person was published");
        return emails;
    }

    /** A plain pg_dump of schema public, restoring into {@code schema} instead (the data lines untouched). */
    private static String intoSchema(String dump, String schema) {
        StringBuilder sql = new StringBuilder("CREATE SCHEMA " + schema + ";\n");
        boolean data = false;
        for (String line : dump.split("\n", -1)) {
            if (data) {
                data = !line.equals("\\.");
                sql.append(line).append('\n');
                continue;
            }
            sql.append(line.replace("public.", schema + ".")).append('\n');
            data = line.startsWith("COPY ") && line.endsWith(" FROM stdin;");
        }
        return sql.toString();
    }

    /** The sealed columns of a person, raw. */
    private Map<String, String> row(String schema, String id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select =
                        c.prepareStatement("SELECT national_id, bank_account, birth_date, health_notes FROM " + schema
                                + ".person WHERE id = ?::uuid")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "person " + id);
                Map<String, String> values = new LinkedHashMap<>();
                for (String column : List.of("national_id", "bank_account", "birth_date", "health_notes")) {
                    values.put(column, row.getString(column));
                }
                return values;
            }
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** The test database as a libpq connection URI. */
    private String database() {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return "postgresql://" + user + "@" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
    }

    /** Runs a PostgreSQL client (pg_dump, psql of the machine's PostgreSQL) and fails on a non-zero exit. */
    private void run(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        Path log = Files.createTempFile("pg-client-", ".log");
        Process process = builder.redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), command[0] + " finished");
        assertEquals(0, process.exitValue(), command[0] + ": " + Files.readString(log));
    }
}
