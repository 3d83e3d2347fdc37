/**
 * Approval and the other decisions of the DPO, the participants, and the fan-out of commands, per request or per
 * retention batch.
 */
package org.gdprsuite.erasure.fanout;
