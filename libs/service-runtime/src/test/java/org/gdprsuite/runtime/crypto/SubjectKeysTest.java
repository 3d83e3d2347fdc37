package org.gdprsuite.runtime.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

import org.gdprsuite.runtime.internal.crypto.Gcm;
import org.gdprsuite.runtime.internal.crypto.LocalKeyMigration;
import org.gdprsuite.runtime.internal.crypto.MasterKeys;
import org.gdprsuite.runtime.internal.crypto.SubjectKeyStore;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data keys per subject in the real key store (PostgreSQL): made once, destroyed for good, re-wrapped by a rotation. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class SubjectKeysTest {

    private static final String OLD_MASTER_KEY = "MJ9ZWDBbVJlH4ot14Tt8GGOXUURMjBWgLcmASFHF6o0=";

    @Inject
    SubjectKeys keys;

    @Inject
    SubjectCipher cipher;

    @Inject
    LocalKeyMigration migration;

    @Inject
    SubjectKeyStore store;

    /** The shared key store. */
    @Inject
    @io.quarkus.agroal.DataSource("keys")
    DataSource dataSource;

    /** This service's own database, where keys lived before the store. */
    @Inject
    DataSource local;

    @Test
    void aSubjectGetsOneDataKeyStoredOnlyWrappedByTheActiveMasterKey() throws Exception {
        String subject = UUID.randomUUID().toString();
        String sealed = QuarkusTransaction.requiringNew().call(() -> cipher.seal(subject, "note", "wheelchair access"));
        String again = QuarkusTransaction.requiringNew().call(() -> cipher.seal(subject, "note", "level access"));

        assertEquals(Optional.of("wheelchair access"), cipher.open(subject, "note", sealed));
        assertEquals(Optional.of("level access"), cipher.open(subject, "note", again), "the same key for both");
        assertEquals("test", stored(subject, "master_key_id"));
        assertEquals(
                12 + 32 + 16, ((byte[]) storedObject(subject, "wrapped_key")).length, "32 key bytes, nonce and tag");
    }

    @Test
    void aKeyMadeForATransactionThatRollsBackIsKeptAndUsedNextTime() {
        String subject = UUID.randomUUID().toString();
        String[] rolledBack = new String[1];
        assertThrows(
                IllegalStateException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    rolledBack[0] = cipher.seal(subject, "note", "x");
                    throw new IllegalStateException("rolled back");
                }));

        String sealed = QuarkusTransaction.requiringNew().call(() -> cipher.seal(subject, "note", "kept"));
        assertEquals(Optional.of("kept"), cipher.open(subject, "note", sealed));
        assertEquals(
                Optional.of("x"),
                cipher.open(subject, "note", rolledBack[0]),
                "one key, whatever became of the transaction");
    }

    @Test
    void aSubjectErasedBeforeTheyHadAKeyNeverGetsOne() {
        String subject = UUID.randomUUID().toString();
        keys.destroy(subject);

        assertEquals(Optional.empty(), keys.forReading(subject));
        assertThrows(ShreddedException.class, () -> cipher.seal(subject, "email", "late@example.org"));
    }

    @Test
    void keysOfTheFormerLocalTableMoveIntoTheStoreAndADestroyedOneStaysDestroyed() throws Exception {
        String live = UUID.randomUUID().toString();
        String destroyed = UUID.randomUUID().toString();
        javax.crypto.SecretKey dataKey = Gcm.newKey();
        MasterKeys.Wrapped wrapped = MasterKeys.of("test:oM3LpdtNP5I8YncsdLrYTzr9X8mFu8ROq4Sz0MKswAw=", null)
                .wrap(live, dataKey);
        String sealedBefore = SubjectCipher.seal(dataKey, live, "nationalId", "AB-123456");
        // The store already knows the destroyed one as live (made there by another service).
        String sealedElsewhere = cipher.seal(destroyed, "email", "gone@example.org");
        try (Connection connection = local.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO subject_key (subject_id, wrapped_key, master_key_id, destroyed_at) VALUES (?, ?, ?, NULL), (?, NULL, NULL, now())
                """)) {
            insert.setString(1, live);
            insert.setBytes(2, wrapped.bytes());
            insert.setString(3, wrapped.masterKeyId());
            insert.setString(4, destroyed);
            insert.executeUpdate();
        }

        migration.moveLocalKeys();
        keys.forget(destroyed);

        assertEquals(
                Optional.of("AB-123456"),
                cipher.open(live, "nationalId", sealedBefore),
                "the local key is the subject's key");
        assertEquals(Optional.empty(), cipher.open(destroyed, "email", sealedElsewhere));
        try (Connection connection = local.getConnection();
                PreparedStatement count =
                        connection.prepareStatement("SELECT count(*) FROM subject_key WHERE subject_id IN (?, ?)")) {
            count.setString(1, live);
            count.setString(2, destroyed);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                assertEquals(0, row.getInt(1), "nothing left in the service's own database");
            }
        }
    }

    @Test
    void aDestroyedKeyOpensNothingAndIsNeverMadeAgain() throws Exception {
        String subject = UUID.randomUUID().toString();
        String sealed = QuarkusTransaction.requiringNew().call(() -> cipher.seal(subject, "note", "wheelchair access"));
        assertTrue(cipher.open(subject, "note", sealed).isPresent(), "readable (and cached) before the erasure");

        keys.destroy(List.of(subject));
        keys.destroy(List.of(subject));

        assertEquals(Optional.empty(), cipher.open(subject, "note", sealed));
        assertNull(storedObject(subject, "wrapped_key"));
        assertNull(stored(subject, "master_key_id"));
        assertThrows(ShreddedException.class, () -> cipher.seal(subject, "note", "new data"));
    }

    @Test
    void rotationRewrapsKeysUnderTheActiveMasterKeyAndValuesStillOpen() throws Exception {
        // A data key wrapped by the retiring master key "old", with a value sealed by it.
        String subject = UUID.randomUUID().toString();
        javax.crypto.SecretKey dataKey = Gcm.newKey();
        MasterKeys.Wrapped wrapped =
                MasterKeys.of("old:" + OLD_MASTER_KEY, null).wrap(subject, dataKey);
        store.addIfAbsent(subject, wrapped);
        String sealed = SubjectCipher.seal(dataKey, subject, "note", "wheelchair access");

        SubjectKeys.Rotation rotation = keys.rotate();

        assertEquals("test", rotation.activeMasterKey());
        assertTrue(rotation.rewrapped() >= 1);
        assertNull(rotation.keysPerMasterKey().get("old"), "nothing left under the old master key");
        assertEquals("test", stored(subject, "master_key_id"));
        assertTrue(stored(subject, "rotated_at") != null);
        // Opened through a fresh unwrap (the old master key could now be retired).
        MasterKeys onlyNew = MasterKeys.of("test:oM3LpdtNP5I8YncsdLrYTzr9X8mFu8ROq4Sz0MKswAw=", null);
        javax.crypto.SecretKey rewrapped =
                onlyNew.unwrap(subject, new MasterKeys.Wrapped("test", (byte[]) storedObject(subject, "wrapped_key")));
        assertEquals("wheelchair access", SubjectCipher.open(rewrapped, subject, "note", sealed));
        assertEquals(0, keys.rotate().rewrapped(), "a second rotation has nothing to do");
    }

    private String stored(String subject, String column) throws Exception {
        Object value = storedObject(subject, column);
        return value == null ? null : value.toString();
    }

    private Object storedObject(String subject, String column) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT " + column + " FROM subject_key WHERE subject_id = ?")) {
            select.setString(1, subject);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                return row.getObject(1);
            }
        }
    }
}
