/**
 * HTTP helpers shared by the services: one page shape for lists ({@link org.gdprsuite.runtime.web.Results}),
 * the per-client limit of public forms ({@link org.gdprsuite.runtime.web.PublicRateLimit}), and text checks.
 */
package org.gdprsuite.runtime.web;
