/** Export bundles of access and portability requests: assembly, the one download, the purge. */
package org.gdprsuite.erasure.export;
