/**
 * The suite's roles as names for {@code @RolesAllowed}: {@link org.gdprsuite.runtime.security.Roles}.
 */
package org.gdprsuite.runtime.security;
