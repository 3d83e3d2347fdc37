/**
 * Not API (see {@link org.gdprsuite.runtime.internal}): receives DSR commands and replies for the service's participants.
 */
package org.gdprsuite.runtime.internal.dsr;
