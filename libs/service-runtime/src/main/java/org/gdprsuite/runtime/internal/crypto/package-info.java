/**
 * Not API (see {@link org.gdprsuite.runtime.internal}): master keys and AES-GCM under the public crypto package, and
 * the key store's table behind {@link org.gdprsuite.runtime.crypto.SubjectKeys} (its rotation, and the move of keys
 * from a service's former local table).
 */
package org.gdprsuite.runtime.internal.crypto;
