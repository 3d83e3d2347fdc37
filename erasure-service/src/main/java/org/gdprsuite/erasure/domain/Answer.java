package org.gdprsuite.erasure.domain;

import java.util.UUID;

import org.gdprsuite.events.dsr.DsrReply.Outcome;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One participant's answer for one request, from a single reply or one outcome of a batch reply.
 * {@code text} is the legal reason of a held slice or the error of a failed one; {@code slice} an exported slice.
 */
public record Answer(UUID requestId, String participant, Outcome outcome, String text, JsonNode slice) {}
