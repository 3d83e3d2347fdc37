package org.gdprsuite.erasure.export;

import java.util.List;

import io.quarkus.qute.TemplateData;

/** What the personal data report shows ({@link PersonalDataReport}), in the shapes its template reads. */
public final class ReportView {

    private ReportView() {}

    /** Who the controller is, with its data protection officer; {@code fromRegister} when the register said so. */
    @TemplateData
    public record Controller(String name, String address, String contact, String dpo, boolean fromRegister) {}

    @TemplateData
    public record Row(String label, String value) {}

    /** A kind of data with the details held of it, or only a count when its entries have a section of their own. */
    @TemplateData
    public record Kind(String title, List<Row> rows, int count, String anchor) {}

    @TemplateData
    public record Purpose(
            String name, String basis, String status, String since, String until, String source, String retention) {}

    /** One line of a table: a date and the columns after it. */
    @TemplateData
    public record Line(String at, List<String> cells) {}

    @TemplateData
    public record View(
            String lang,
            Controller who,
            List<Kind> held,
            List<Purpose> purposes,
            List<Row> sources,
            List<List<String>> recipients,
            List<List<String>> transfers,
            boolean recipientsKnown,
            List<Line> consents,
            List<Row> subscriptions,
            boolean globalOptOut,
            List<Line> subscriptionHistory,
            List<Line> deliveries,
            List<Line> activities,
            List<Line> informed,
            List<Line> incidents,
            List<Line> reads,
            List<Row> kept,
            String requestType,
            String requestId,
            String generatedAt) {}
}
