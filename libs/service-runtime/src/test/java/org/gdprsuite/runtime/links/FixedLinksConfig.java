package org.gdprsuite.runtime.links;

import java.util.Optional;

import org.gdprsuite.runtime.internal.config.LinksConfig;

/** The links' keys for unit tests: a current key under its id, and earlier keys ({@code id:key,...}) or none. */
record FixedLinksConfig(String signingKeyId, String key, String previous) implements LinksConfig {

    @Override
    public Optional<String> signingKey() {
        return Optional.of(key);
    }

    @Override
    public Optional<String> previousKeys() {
        return Optional.ofNullable(previous);
    }
}
