/** HTTP only: the staff API (RequestResource) and the public portal (PortalPage), their views; no SQL. */
package org.gdprsuite.erasure.api;
