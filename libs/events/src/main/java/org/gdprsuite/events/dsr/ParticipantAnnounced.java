package org.gdprsuite.events.dsr;

import java.util.List;

/** A service announces that it holds a slice of personal data and answers these DSR actions. */
public record ParticipantAnnounced(String participant, String version, String slice, List<DsrAction> actions) {

    public ParticipantAnnounced {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }
}
