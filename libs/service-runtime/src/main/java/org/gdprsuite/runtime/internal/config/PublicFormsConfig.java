package org.gdprsuite.runtime.internal.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The anti-CSRF token of a service's public forms, those used before any session (FormToken). */
@ConfigMapping(prefix = "gdpr.public-forms")
public interface PublicFormsConfig {

    /** Path of the public pages whose forms carry the token, and the Path of its cookie; unset: no public forms. */
    Optional<String> path();

    /** Regular expressions of the paths under it whose POST is refused (403) without a valid token. */
    Optional<List<String>> guarded();

    /** How long a form's token holds after the page was shown (the cookie lasts the browser's session). */
    @WithDefault("PT2H")
    Duration validity();
}
