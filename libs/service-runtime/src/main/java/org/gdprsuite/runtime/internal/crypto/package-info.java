/**
 * Not API (see {@link org.gdprsuite.runtime.internal}): master keys and AES-GCM under the public crypto package.
 */
package org.gdprsuite.runtime.internal.crypto;
