package org.gdprsuite.erasure.centre;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.erasure.domain.RequestStatus;
import org.gdprsuite.erasure.domain.RequestType;
import org.gdprsuite.erasure.domain.Sql;
import org.gdprsuite.erasure.intake.VerificationCode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The SQL of the privacy centre: sign-ins (centre_sign_in), sessions (centre_session), an address's requests. */
@ApplicationScoped
public class CentreStore {

    /**
     * A session as stored: the address it is bound to, its anti-CSRF token, the persons of the address resolved at
     * sign-in ({@code null}: not resolved) and the access request started to see the data ({@code null}: none).
     */
    public record Session(String idSha256, String email, String csrfToken, List<UUID> personIds, UUID seeRequestId) {}

    /** A request of the address, as the centre lists it. */
    public record Asked(
            UUID id,
            RequestType type,
            RequestStatus status,
            Instant receivedAt,
            Instant dueAt,
            int persons,
            CentreCorrection.Field corrected) {}

    /** How many requests of an address the centre lists at most (newest first). */
    static final int LISTED = 50;

    @Inject
    Sql sql;

    void insertSignIn(UUID id, String email, String codeSha256, Instant expiresAt) {
        sql.update(
                "INSERT INTO centre_sign_in (id, email, code_sha256, expires_at) VALUES (?, ?, ?, ?)",
                id,
                email,
                codeSha256,
                expiresAt);
    }

    /** Counts one more try of an unused sign-in and returns its code as it stands; empty if used or unknown. */
    Optional<VerificationCode.Stored> tryCode(UUID id) {
        return sql.one(
                """
                UPDATE centre_sign_in SET attempts = attempts + 1 WHERE id = ? AND used_at IS NULL
                RETURNING code_sha256, expires_at, attempts
                """,
                rs -> new VerificationCode.Stored(
                        rs.getString("code_sha256"), Sql.instant(rs, "expires_at"), rs.getInt("attempts")),
                id);
    }

    /** Whether a sign-in is still unused and unexpired (reads only: opening a mailed link spends nothing). */
    boolean waiting(UUID id, Instant now) {
        return sql.one(
                        "SELECT 1 FROM centre_sign_in WHERE id = ? AND used_at IS NULL AND expires_at > ?",
                        rs -> true,
                        id,
                        now)
                .orElse(false);
    }

    /** Spends the sign-in, once: of two concurrent uses one gets the address, the other nothing. */
    Optional<String> use(UUID id, Instant now) {
        return sql.one("""
                UPDATE centre_sign_in SET used_at = ?, key_destroyed_at = ?
                WHERE id = ? AND used_at IS NULL AND expires_at > ? RETURNING email
                """, rs -> rs.getString("email"), now, now, id, now);
    }

    /** Expired sign-ins whose mail key still lives, marked destroyed; the caller destroys the keys. */
    List<UUID> takeExpiredKeys(Instant now, int limit) {
        return sql.list("""
                UPDATE centre_sign_in SET key_destroyed_at = ? WHERE id IN (
                  SELECT id FROM centre_sign_in WHERE key_destroyed_at IS NULL AND expires_at <= ?
                  ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id
                """, rs -> Sql.uuid(rs, "id"), now, now, limit);
    }

    void insertSession(
            String idSha256, String email, String csrfToken, List<UUID> personIds, Instant now, Instant expiresAt) {
        sql.update("""
                INSERT INTO centre_session (id_sha256, email, csrf_token, person_ids, created_at, expires_at)
                VALUES (?, ?, ?, CAST(? AS uuid[]), ?, ?)
                """, idSha256, email, csrfToken, personIds, now, expiresAt);
    }

    Optional<Session> liveSession(String idSha256, Instant now) {
        return sql.one(
                """
                SELECT email, csrf_token, CAST(person_ids AS text[]) AS person_ids, see_request_id FROM centre_session
                WHERE id_sha256 = ? AND revoked_at IS NULL AND expires_at > ?
                """,
                rs -> new Session(
                        idSha256,
                        rs.getString("email"),
                        rs.getString("csrf_token"),
                        rs.getArray("person_ids") == null ? null : Sql.uuids(rs, "person_ids"),
                        Sql.uuid(rs, "see_request_id")),
                idSha256,
                now);
    }

    /** The access request a session started to see the data; only this session shows it. */
    void seeRequest(String idSha256, UUID requestId) {
        sql.update("UPDATE centre_session SET see_request_id = ? WHERE id_sha256 = ?", requestId, idSha256);
    }

    void revoke(String idSha256, Instant now) {
        sql.update(
                "UPDATE centre_session SET revoked_at = ? WHERE id_sha256 = ? AND revoked_at IS NULL", now, idSha256);
    }

    /** Sessions ended a while ago are of no use any more. */
    void deleteEndedBefore(Instant before) {
        sql.update("DELETE FROM centre_session WHERE expires_at < ? OR revoked_at < ?", before, before);
    }

    /** The requests of an address, newest first, with how many persons each was resolved to. */
    List<Asked> requestsOf(String email) {
        return sql.list(
                """
                SELECT r.id, request_type, status, received_at, due_at, cardinality(person_ids) AS persons, c.field
                FROM dsr_request r LEFT JOIN dsr_correction c ON c.request_id = r.id
                WHERE lower(email) = ? ORDER BY received_at DESC, r.id LIMIT ?
                """,
                rs -> new Asked(
                        Sql.uuid(rs, "id"),
                        RequestType.valueOf(rs.getString("request_type")),
                        RequestStatus.valueOf(rs.getString("status")),
                        Sql.instant(rs, "received_at"),
                        Sql.instant(rs, "due_at"),
                        rs.getInt("persons"),
                        CentreCorrection.Field.ofKey(rs.getString("field")).orElse(null)),
                email,
                LISTED);
    }

    /**
     * The persons staff matched the address to at the newest approval of one of its requests (the address resolved
     * at contact-service): empty if none was approved yet, or if that newest one erases them.
     */
    List<UUID> matchedPersonsOf(String email) {
        return sql.one(
                        """
                        SELECT request_type, CAST(person_ids AS text[]) AS person_ids FROM dsr_request
                        WHERE lower(email) = ? AND approved_at IS NOT NULL AND cardinality(person_ids) > 0
                        ORDER BY approved_at DESC, id LIMIT 1
                        """,
                        rs -> RequestType.ERASURE.name().equals(rs.getString("request_type"))
                                ? List.<UUID>of()
                                : Sql.uuids(rs, "person_ids"),
                        email)
                .orElse(List.of());
    }

    /** The newest export still kept of an address's access or portability requests: its request id. */
    Optional<UUID> newestExportOf(String email) {
        return sql.one("""
                SELECT r.id FROM dsr_request r JOIN dsr_export e ON e.request_id = r.id
                WHERE lower(r.email) = ? ORDER BY e.ready_at DESC LIMIT 1
                """, rs -> Sql.uuid(rs, "id"), email);
    }
}
