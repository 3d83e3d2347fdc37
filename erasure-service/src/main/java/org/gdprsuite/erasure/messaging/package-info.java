/** Kafka in: participants' replies and announcements (dsr.replies), retention sweeps (contact.events). */
package org.gdprsuite.erasure.messaging;
