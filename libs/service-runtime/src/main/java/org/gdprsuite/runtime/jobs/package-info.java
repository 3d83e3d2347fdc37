/**
 * Jobs a service runs in the background, chunk after chunk: {@link org.gdprsuite.runtime.jobs.JobLoop} is the loop
 * of a service's runner (one tick at a time, stopped between chunks, a failed chunk counted by the job and never
 * logged with its data). What a chunk does and how it is claimed and committed stays the service's.
 */
package org.gdprsuite.runtime.jobs;
