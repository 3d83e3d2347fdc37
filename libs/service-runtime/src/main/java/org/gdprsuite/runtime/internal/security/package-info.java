/**
 * Not API (see {@link org.gdprsuite.runtime.internal}): the cache of verified bearer tokens.
 */
package org.gdprsuite.runtime.internal.security;
