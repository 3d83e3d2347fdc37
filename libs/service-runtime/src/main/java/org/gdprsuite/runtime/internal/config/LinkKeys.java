package org.gdprsuite.runtime.internal.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The keys of the signed links: the current one, which signs and carries {@code gdpr.links.signing-key-id}, and
 * those of earlier rolls ({@code gdpr.links.previous-keys}, {@code id:key,...}), which only verify. A key's text
 * (UTF-8) is the HMAC key, as it always was, so links mailed before key ids existed keep verifying.
 */
public final class LinkKeys {

    /** What a key id may hold: it travels in every link, before the first dot. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String currentId;
    private final Map<String, byte[]> byId;

    private LinkKeys(String currentId, Map<String, byte[]> byId) {
        this.currentId = currentId;
        this.byId = byId;
    }

    /** The keys of {@code config}; {@link IllegalStateException} naming the key that is malformed or missing. */
    public static LinkKeys of(LinksConfig config) {
        String key = config.signingKey()
                .filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalStateException("gdpr.links.signing-key is not set"));
        return of(config.signingKeyId(), key, previous(config.previousKeys()));
    }

    static LinkKeys of(String currentId, String currentKey, Map<String, String> previous) {
        if (!ID.matcher(currentId).matches()) {
            throw new IllegalStateException("gdpr.links.signing-key-id must be 1 to 32 letters, digits, - or _");
        }
        Map<String, byte[]> byId = new LinkedHashMap<>();
        byId.put(currentId, currentKey.getBytes(StandardCharsets.UTF_8));
        previous.forEach((id, key) -> {
            if (byId.putIfAbsent(id, key.getBytes(StandardCharsets.UTF_8)) != null) {
                throw new IllegalStateException("gdpr.links.previous-keys names key id '" + id + "' twice");
            }
        });
        return new LinkKeys(currentId, Collections.unmodifiableMap(byId));
    }

    /** The earlier keys of {@code gdpr.links.previous-keys} ({@code id:key,...}) by id, in their order. */
    static Map<String, String> previous(Optional<String> spec) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String entry : spec.orElse("").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split(":", 2);
            if (parts.length != 2 || !ID.matcher(parts[0]).matches() || parts[1].isBlank()) {
                throw new IllegalStateException(
                        "gdpr.links.previous-keys must be a list of id:key (ids of letters, digits, - or _)");
            }
            if (keys.put(parts[0], parts[1].strip()) != null) {
                throw new IllegalStateException("gdpr.links.previous-keys names key id '" + parts[0] + "' twice");
            }
        }
        return keys;
    }

    public String currentId() {
        return currentId;
    }

    public byte[] current() {
        return byId.get(currentId);
    }

    /** The key of {@code id}, current or earlier. */
    public Optional<byte[]> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every key, the current one first: what a link without a key id (made before ids existed) is tried with. */
    public List<byte[]> all() {
        return new ArrayList<>(byId.values());
    }
}
