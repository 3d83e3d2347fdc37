package org.gdprsuite.consent.domain;

/** The six lawful bases of processing of Art. 6(1) GDPR. */
public enum LegalBasis {
    CONSENT("6(1)(a)", "The person has given consent to the processing for this purpose."),
    CONTRACT("6(1)(b)", "Necessary for a contract with the person or steps before entering into one."),
    LEGAL_OBLIGATION("6(1)(c)", "Necessary to comply with a legal obligation of the controller."),
    VITAL_INTERESTS("6(1)(d)", "Necessary to protect the vital interests of the person or another natural person."),
    PUBLIC_TASK("6(1)(e)", "Necessary for a task in the public interest or in the exercise of official authority."),
    LEGITIMATE_INTERESTS(
            "6(1)(f)", "Necessary for legitimate interests not overridden by the person's interests or rights.");

    private final String article;
    private final String description;

    LegalBasis(String article, String description) {
        this.article = article;
        this.description = description;
    }

    public String article() {
        return "Art. " + article + " GDPR";
    }

    public String description() {
        return description;
    }
}
