/**
 * The data-subject request contract every service implements: a {@link org.gdprsuite.runtime.dsr.DsrParticipant}
 * answers the orchestrator's commands for its own slice of a person's data with a
 * {@link org.gdprsuite.runtime.dsr.SliceResult}; receiving the commands and replying is the library's.
 */
package org.gdprsuite.runtime.dsr;
