package org.gdprsuite.consent.domain;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A version of the privacy notice in one language; records name the version the person was shown. The hash of
 * the text is the evidence of what it said; versions from before texts were kept have the hash only.
 */
@Entity
@Table(name = "privacy_notice")
public class PrivacyNotice extends PanacheEntityBase {

    @Id
    public String version;

    @Column(name = "text_sha256")
    public String textSha256;

    @Column(name = "effective_at")
    public Instant effectiveAt;

    /** BCP 47 language tag such as "en" or "de-AT"; none for a hash-only version. */
    public String language;

    public String title;

    /** The text as the person reads it (plain text, paragraphs separated by blank lines); none when hash only. */
    public String text;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    /** The paragraphs of the text, for a page (each escaped there). */
    public java.util.List<String> paragraphs() {
        if (text == null) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(text.split("\\R\\s*\\R"))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .toList();
    }
}
