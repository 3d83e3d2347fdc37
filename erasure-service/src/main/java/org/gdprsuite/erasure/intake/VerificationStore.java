package org.gdprsuite.erasure.intake;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.erasure.domain.Sql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The SQL of dsr_verification: a portal request's pending code. */
@ApplicationScoped
public class VerificationStore {

    @Inject
    Sql sql;

    public void insert(UUID requestId, String codeSha256, Instant expiresAt) {
        sql.update(
                "INSERT INTO dsr_verification (request_id, code_sha256, expires_at) VALUES (?, ?, ?)",
                requestId,
                codeSha256,
                expiresAt);
    }

    /** Counts one more try and returns the code as it stands; empty if none is pending. */
    public Optional<VerificationCode.Stored> tryOnce(UUID requestId) {
        return sql.one(
                """
                UPDATE dsr_verification SET attempts = attempts + 1 WHERE request_id = ?
                RETURNING code_sha256, expires_at, attempts
                """,
                rs -> new VerificationCode.Stored(
                        rs.getString("code_sha256"), Sql.instant(rs, "expires_at"), rs.getInt("attempts")),
                requestId);
    }

    public void delete(UUID requestId) {
        sql.update("DELETE FROM dsr_verification WHERE request_id = ?", requestId);
    }

    public void deleteAll(Collection<UUID> requestIds) {
        sql.update("DELETE FROM dsr_verification WHERE request_id = ANY (?::uuid[])", requestIds);
    }
}
