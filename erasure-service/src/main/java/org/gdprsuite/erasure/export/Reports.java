package org.gdprsuite.erasure.export;

import java.util.List;
import java.util.Locale;

import org.gdprsuite.erasure.config.ErasureConfig;
import org.gdprsuite.erasure.export.ReportView.Controller;
import org.gdprsuite.erasure.export.ReportView.View;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The page of an export a person reads: the personal data report ({@link PersonalDataReport}) rendered
 * server-side in their language, printable; every value is escaped by the template.
 */
@ApplicationScoped
public class Reports {

    @Inject
    ErasureConfig config;

    @CheckedTemplate(basePath = "PersonalDataReport")
    static class Templates {
        static native TemplateInstance report(
                View r,
                ReportTexts t,
                String intro,
                String footer,
                String portal,
                ErasureConfig.Report complaint,
                String download);
    }

    /** The report of a bundle in the language asked for ({@code lang}) or the browser's, English by default. */
    public TemplateInstance page(JsonNode bundle, String lang, List<Locale> acceptable) {
        return page(bundle, lang, acceptable, null);
    }

    /** As {@link #page(JsonNode, String, List)}, with a link to the same data as JSON ({@code download}, a path). */
    public TemplateInstance page(JsonNode bundle, String lang, List<Locale> acceptable, String download) {
        ReportTexts t = ReportTexts.of(lang, acceptable);
        View view = PersonalDataReport.of(bundle, t, configured());
        return Templates.report(
                view,
                t,
                t.format("intro", view.requestId(), view.generatedAt()),
                t.format("footer", view.generatedAt()),
                config.publicBaseUrl() + "/public/requests",
                config.report(),
                download);
    }

    private Controller configured() {
        ErasureConfig.Report report = config.report();
        return new Controller(
                report.controllerName().orElse(""),
                report.controllerAddress().orElse(""),
                report.controllerContact().orElse(""),
                report.dpoContact().orElse(""),
                false);
    }
}
