package org.gdprsuite.erasure.export;

import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.erasure.domain.Sql;
import org.gdprsuite.erasure.domain.TaskStore.Slice;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.DsrReply.Outcome;
import org.gdprsuite.runtime.crypto.RequestSeal;
import org.gdprsuite.runtime.crypto.TamperedException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Export slices sealed to their request's key (table dsr_request_key): a key pair made at the request's first
 * export command, whose public key the command carries; participants seal their slice to it (libs/service-runtime,
 * {@link RequestSeal}), a reply with a slice in clear or sealed otherwise is refused (failed, so asked again), the
 * slices stay sealed until the export is assembled, and the private key is destroyed when the request is closed.
 * From then on no copy of a slice opens: not the dsr.replies history, not its dead letters.
 */
@ApplicationScoped
public class SealedSlices {

    private static final String CLOSED = "('COMPLETED', 'PARTIALLY_COMPLETED', 'REJECTED', 'FAILED')";

    @Inject
    Sql sql;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** The public key an export command of this request carries, made now if it has none; empty once closed. */
    public Optional<String> sealingKey(UUID requestId) {
        if (sql.one("SELECT 1 FROM dsr_request_key WHERE request_id = ?", rs -> true, requestId)
                .isEmpty()) {
            RequestSeal.KeyPair made = RequestSeal.newKeyPair();
            sql.update("""
                    INSERT INTO dsr_request_key (request_id, public_key, private_key, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (request_id) DO NOTHING
                    """, requestId, made.publicKey(), made.privateKey(), clock.instant());
        }
        return sql.one(
                "SELECT public_key FROM dsr_request_key WHERE request_id = ? AND private_key IS NOT NULL",
                rs -> rs.getString(1),
                requestId);
    }

    /**
     * Why the slice of a done export is refused (it must be sealed to its open request's key), or empty if it is
     * accepted; other replies are not concerned. The reason names no data.
     */
    public Optional<String> refusal(DsrReply reply) {
        if (reply.action() != DsrAction.EXPORT || reply.outcome() != Outcome.DONE) {
            return Optional.empty();
        }
        if (reply.slice() != null) {
            return Optional.of("slice refused: sent in clear");
        }
        if (reply.sealedSlice() == null) {
            return Optional.empty(); // nothing exported
        }
        Optional<RequestSeal.KeyPair> key = keyPair(reply.requestId());
        if (key.isEmpty()) {
            return Optional.of("slice refused: the request has no open key");
        }
        try {
            RequestSeal.open(
                    key.get(), RequestSeal.sliceContext(reply.requestId(), reply.participant()), reply.sealedSlice());
            return Optional.empty();
        } catch (TamperedException e) {
            return Optional.of("slice refused: not sealed to the request's key, or altered");
        }
    }

    /** A stored slice opened with its request's key; one stored in clear before slices were sealed, as it is. */
    public Slice open(UUID requestId, Slice stored) {
        JsonNode content = stored.content();
        if (content == null || !content.isTextual() || !RequestSeal.isSealed(content.asText())) {
            return stored;
        }
        RequestSeal.KeyPair key = keyPair(requestId)
                .orElseThrow(() -> new IllegalStateException("the request's key was destroyed before its export"));
        byte[] plain =
                RequestSeal.open(key, RequestSeal.sliceContext(requestId, stored.participant()), content.asText());
        try {
            return new Slice(stored.participant(), stored.status(), stored.legalReason(), json.readTree(plain));
        } catch (IOException e) {
            throw new IllegalStateException("An opened slice is not JSON", e);
        }
    }

    /** Destroys the keys of these requests: nothing sealed to them opens again. */
    public void destroy(Collection<UUID> requestIds) {
        if (!requestIds.isEmpty()) {
            sql.update("""
                    UPDATE dsr_request_key SET private_key = NULL, destroyed_at = ?
                    WHERE request_id = ANY (?::uuid[]) AND private_key IS NOT NULL
                    """, clock.instant(), requestIds);
        }
    }

    /** Destroys the keys left to closed requests (rejected, or closed in any other way); returns how many. */
    public int destroyClosed() {
        return sql.update(
                "UPDATE dsr_request_key k SET private_key = NULL, destroyed_at = ? FROM dsr_request r"
                        + " WHERE r.id = k.request_id AND k.private_key IS NOT NULL AND r.status IN " + CLOSED,
                clock.instant());
    }

    /** The key pair that opens a request's slices; empty if it has none or it was destroyed. */
    Optional<RequestSeal.KeyPair> keyPair(UUID requestId) {
        return sql.one(
                "SELECT public_key, private_key FROM dsr_request_key WHERE request_id = ? AND private_key IS NOT NULL",
                rs -> new RequestSeal.KeyPair(rs.getString(1), rs.getBytes(2)),
                requestId);
    }
}
