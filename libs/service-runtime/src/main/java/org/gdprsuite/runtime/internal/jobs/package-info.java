/**
 * Not API (see {@link org.gdprsuite.runtime.internal}): the gate behind {@link org.gdprsuite.runtime.jobs.JobLoop}.
 */
package org.gdprsuite.runtime.internal.jobs;
