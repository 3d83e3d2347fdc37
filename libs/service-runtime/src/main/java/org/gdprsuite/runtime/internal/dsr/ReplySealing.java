package org.gdprsuite.runtime.internal.dsr;

import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.DsrReply.Outcome;
import org.gdprsuite.runtime.crypto.RequestSeal;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A reply as it travels on {@code dsr.replies}: an exported slice sealed to the request's public key from the
 * command, never in clear; failed, without the slice, if the command has no key to seal it to (a command from
 * before keys, or a forged one) or something that is no key.
 */
final class ReplySealing {

    private static final Logger LOG = Logger.getLogger(ReplySealing.class);

    private ReplySealing() {}

    static DsrReply onTheBus(DsrReply reply, String sealingKey, ObjectMapper json) {
        if (reply.slice() == null) {
            return reply;
        }
        String error = "export command without a sealing key: the slice is not sent in clear";
        if (sealingKey != null) {
            try {
                String sealed = RequestSeal.seal(
                        sealingKey,
                        RequestSeal.sliceContext(reply.requestId(), reply.participant()),
                        json.writeValueAsBytes(reply.slice()));
                return new DsrReply(
                        reply.requestId(),
                        reply.commandId(),
                        reply.action(),
                        reply.participant(),
                        reply.outcome(),
                        reply.legalReason(),
                        reply.error(),
                        null,
                        sealed);
            } catch (IllegalArgumentException | JsonProcessingException e) {
                error = "export command with a sealing key that is no key: the slice is not sent";
            }
        }
        LOG.warnf("DSR export for request %s answered failed: %s", reply.requestId(), error);
        return new DsrReply(
                reply.requestId(),
                reply.commandId(),
                reply.action(),
                reply.participant(),
                Outcome.FAILED,
                null,
                error,
                null);
    }
}
