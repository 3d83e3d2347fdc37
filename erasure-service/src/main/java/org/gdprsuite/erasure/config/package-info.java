/** The service's one typed configuration, ErasureConfig (documented in docs/configuration/erasure-service.md). */
package org.gdprsuite.erasure.config;
