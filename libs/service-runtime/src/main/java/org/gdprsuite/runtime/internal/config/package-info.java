/**
 * Not API (see {@link org.gdprsuite.runtime.internal}): the library's configuration, one {@code @ConfigMapping} per
 * concern, each key with its default; the keys themselves are the contract, documented in
 * docs/configuration/service-runtime.md.
 */
package org.gdprsuite.runtime.internal.config;
