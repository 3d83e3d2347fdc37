/**
 * Signed, expiring links for people without an account (preferences, request verification):
 * {@link org.gdprsuite.runtime.links.SignedLinks}.
 */
package org.gdprsuite.runtime.links;
