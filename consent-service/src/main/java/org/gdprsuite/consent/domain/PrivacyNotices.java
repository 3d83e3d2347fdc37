package org.gdprsuite.consent.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.gdprsuite.runtime.problem.DomainProblem;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Versions of the privacy notice: added, never changed. */
@ApplicationScoped
public class PrivacyNotices {

    /** Every version by effective date: a handful over the years. */
    public List<PrivacyNotice> list() {
        return PrivacyNotice.listAll(Sort.by("effectiveAt"));
    }

    /** A new version; its text is kept as a hash, which proves what the person was shown. */
    @Transactional
    public PrivacyNotice add(String version, String text, Instant effectiveAt) {
        if (PrivacyNotice.findById(version) != null) {
            throw DomainProblem.conflict(
                    "notice-version-exists", "This notice version exists already; versions are never changed.");
        }
        PrivacyNotice notice = new PrivacyNotice();
        notice.version = version;
        notice.textSha256 = sha256(text);
        notice.effectiveAt = effectiveAt;
        notice.persist();
        return notice;
    }

    /** The SHA-256 of the UTF-8 text, lower-case hex. */
    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
