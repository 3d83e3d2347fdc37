/** HTTP answers of every service: what the library adds to them (the cache policy of personal data). */
package org.gdprsuite.runtime.internal.web;
