/**
 * JDBC helpers a service uses for set-based SQL: {@link org.gdprsuite.runtime.db.ArrayColumns} binds a batch of rows
 * as one array per column, so one statement applies them all.
 */
package org.gdprsuite.runtime.db;
