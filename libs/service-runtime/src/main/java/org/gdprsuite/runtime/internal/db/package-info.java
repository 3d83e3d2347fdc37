/**
 * Not API (see {@link org.gdprsuite.runtime.internal}): telling a database outage from a failure of the work.
 */
package org.gdprsuite.runtime.internal.db;
