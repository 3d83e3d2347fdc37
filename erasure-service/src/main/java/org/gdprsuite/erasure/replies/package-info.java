/**
 * The participants' answers, single or batch alike, completion, retries and escalation, and the periodic
 * schedule.
 */
package org.gdprsuite.erasure.replies;
