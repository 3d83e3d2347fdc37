/**
 * The library's inner workings: <b>not API</b>. Services must not import these packages (their own tests may, to
 * drive the library in a test); names and signatures change without notice. The API is in the other packages of
 * {@code org.gdprsuite.runtime}; the library's configuration keys are in {@code internal.config} and documented
 * in docs/configuration/service-runtime.md.
 */
package org.gdprsuite.runtime.internal;
