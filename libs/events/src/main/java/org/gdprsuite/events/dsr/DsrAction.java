package org.gdprsuite.events.dsr;

import org.gdprsuite.events.EventType;

/** The actions a participant performs on its slice, one command event type each. */
public enum DsrAction {
    EXPORT(EventType.DSR_EXPORT_REQUESTED),
    ERASE(EventType.DSR_ERASURE_REQUESTED),
    RESTRICT(EventType.DSR_RESTRICTION_REQUESTED),
    LIFT_RESTRICTION(EventType.DSR_RESTRICTION_LIFTED),
    /** Art. 16: correct contact details as the command's {@code corrections} say (the owner of contact details). */
    RECTIFY(EventType.DSR_RECTIFICATION_REQUESTED);

    private final EventType commandType;

    DsrAction(EventType commandType) {
        this.commandType = commandType;
    }

    public EventType commandType() {
        return commandType;
    }

    public static DsrAction of(EventType commandType) {
        for (DsrAction action : values()) {
            if (action.commandType == commandType) {
                return action;
            }
        }
        throw new IllegalArgumentException(commandType + " is not a DSR command");
    }
}
