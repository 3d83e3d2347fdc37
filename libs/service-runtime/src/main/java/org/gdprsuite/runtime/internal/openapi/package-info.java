/**
 * Not API (see {@link org.gdprsuite.runtime.internal}): the OpenAPI filter that makes every service's document a
 * contract a client can be generated from (named by {@code mp.openapi.filter}).
 */
package org.gdprsuite.runtime.internal.openapi;
