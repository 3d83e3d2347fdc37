/**
 * Not API (see {@link org.gdprsuite.runtime.internal}): the exception mappers and the response filter behind problem+json.
 */
package org.gdprsuite.runtime.internal.problem;
