package org.gdprsuite.consent.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.gdprsuite.consent.config.ConsentConfig;
import org.gdprsuite.runtime.problem.DomainProblem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Versions of the privacy notice, per language: added, never changed. The one place that reads and writes them. */
@ApplicationScoped
public class PrivacyNotices {

    /** Path of the public page of the notice in force (?lang=), under the public base URL. */
    public static final String IN_FORCE = "/public/consents/notices";

    /** Path of a version's public page under the public base URL; stable for as long as the version exists. */
    public static final String PAGE = IN_FORCE + "/";

    /** A version as lists show it, without its text. */
    public record Summary(
            String version, String language, String title, String textSha256, Instant effectiveAt, boolean hasText) {}

    /** What the DPO publishes. */
    public record Draft(String version, String language, String title, String text, Instant effectiveAt) {}

    @Inject
    Clock clock;

    @Inject
    ConsentConfig config;

    /** Every version by effective date, without texts: a handful per language over the years. */
    public List<Summary> list() {
        return PrivacyNotice.<PrivacyNotice>listAll(io.quarkus.panache.common.Sort.by("effectiveAt", "version"))
                .stream()
                .map(n -> new Summary(n.version, n.language, n.title, n.textSha256, n.effectiveAt, n.text != null))
                .toList();
    }

    public PrivacyNotice get(String version) {
        PrivacyNotice notice = version == null || version.length() > 100 ? null : PrivacyNotice.findById(version);
        if (notice == null) {
            throw DomainProblem.notFound("notice-not-found", "No such privacy-notice version.");
        }
        return notice;
    }

    /**
     * The version in force now for {@code language}: the newest effective one with a text; if that language has
     * none, the one of the default language (gdpr.consent.notice-language).
     */
    public Optional<PrivacyNotice> inForce(String language) {
        Instant now = clock.instant();
        return inForce(language, now).or(() -> inForce(config.consent().noticeLanguage(), now));
    }

    private static Optional<PrivacyNotice> inForce(String language, Instant at) {
        return PrivacyNotice.<PrivacyNotice>find(
                        "language = ?1 and text is not null and effectiveAt <= ?2 order by effectiveAt desc, version desc",
                        language,
                        at)
                .firstResultOptional();
    }

    /** The public page of a version, as links in mails and records name it. */
    public String publicUrl(String version) {
        return config.publicBaseUrl() + PAGE + version;
    }

    /** The stable public page of the notice in force. */
    public String inForceUrl() {
        return config.publicBaseUrl() + IN_FORCE;
    }

    /** A new version; its text is kept with its hash, which proves what the person was shown. */
    @Transactional
    public PrivacyNotice add(Draft draft, String createdBy) {
        if (PrivacyNotice.findById(draft.version()) != null) {
            throw DomainProblem.conflict(
                    "notice-version-exists", "This notice version exists already; versions are never changed.");
        }
        PrivacyNotice notice = new PrivacyNotice();
        notice.version = draft.version();
        notice.language = draft.language() == null ? config.consent().noticeLanguage() : draft.language();
        notice.title = draft.title();
        notice.text = draft.text();
        notice.textSha256 = sha256(draft.text());
        notice.effectiveAt = draft.effectiveAt();
        notice.createdBy = createdBy;
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
