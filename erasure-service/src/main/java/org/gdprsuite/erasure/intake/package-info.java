/** Requests coming in: from staff, from the portal (with the proof of the address), from retention sweeps. */
package org.gdprsuite.erasure.intake;
