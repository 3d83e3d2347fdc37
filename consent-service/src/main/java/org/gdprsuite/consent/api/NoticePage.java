package org.gdprsuite.consent.api;

import org.gdprsuite.consent.domain.PrivacyNotice;
import org.gdprsuite.consent.domain.PrivacyNotices;
import org.gdprsuite.runtime.problem.DomainProblem;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The privacy notice as anyone reads it, without a token (Art. 13/14): the version in force for a language at a
 * stable address, and every version at its own address, which consent records and mails name. The text is shown
 * escaped, paragraph by paragraph, with the hash that proves it is the text recorded.
 */
@Path("/public/consents/notices")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class NoticePage {

    /** A language tag as the API accepts it (BCP 47, language and optional region). */
    static final String LANGUAGE = "^[a-z]{2,3}(-[A-Z]{2})?$";

    @Inject
    PrivacyNotices notices;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance notice(PrivacyNotice notice, boolean current);
    }

    /** The version in force for {@code lang} (or the default language's when that language has none). */
    @GET
    public TemplateInstance current(
            @QueryParam("lang") @Pattern(regexp = LANGUAGE, message = "must be a language tag such as en or de-AT")
                    String lang) {
        PrivacyNotice notice = notices.inForce(lang)
                .orElseThrow(() -> DomainProblem.notFound("notice-not-found", "No privacy notice is in force yet."));
        return Templates.notice(notice, true);
    }

    /** One version, as a record or a mail names it; a version kept as a hash only shows its hash. */
    @GET
    @Path("/{version}")
    public TemplateInstance version(@PathParam("version") String version) {
        return Templates.notice(notices.get(version), false);
    }
}
