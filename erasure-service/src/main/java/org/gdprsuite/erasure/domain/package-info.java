/**
 * What every part of the request life cycle shares: the request, its tasks and audit trail, their SQL (one store
 * per table), the pure rules (Rules, RetryPolicy) and the reads for staff.
 */
package org.gdprsuite.erasure.domain;
