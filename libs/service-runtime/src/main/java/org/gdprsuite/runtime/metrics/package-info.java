/**
 * Metrics helpers a service uses: {@link org.gdprsuite.runtime.metrics.CountGauge} shows a count a scheduled job
 * refreshes (e.g. overdue requests), so that a scrape never queries the database.
 */
package org.gdprsuite.runtime.metrics;
