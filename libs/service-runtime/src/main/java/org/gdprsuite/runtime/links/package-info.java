/**
 * Signed, expiring links for people without an account (preferences, request verification):
 * {@link org.gdprsuite.runtime.links.SignedLinks}; {@link org.gdprsuite.runtime.links.PersonKeySubject} for a link
 * about one thing of one person.
 */
package org.gdprsuite.runtime.links;
