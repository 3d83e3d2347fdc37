package org.gdprsuite.erasure.fanout;

import java.time.Instant;
import java.util.List;

/** A service that announced it holds a slice of personal data, and the DSR actions it answers. */
public record Participant(String name, String version, String slice, List<String> actions, Instant announcedAt) {}
