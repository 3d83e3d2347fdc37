/**
 * Not API (see {@link org.gdprsuite.runtime.internal}): the default {@link java.time.Clock} bean.
 */
package org.gdprsuite.runtime.internal.time;
