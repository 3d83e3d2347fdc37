package org.gdprsuite.subscription.domain;

import java.util.Map;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;

/** A mail's plain-text and HTML bodies, rendered from {@code templates/mail/<name>.txt} and {@code .html}. */
public final class MailBodies {

    private MailBodies() {}

    public record Body(String text, String html) {}

    /** The HTML body escapes the data (the engine's HTML escaping for .html templates); the text body does not. */
    public static Body render(Engine qute, String name, Map<String, Object> data) {
        return new Body(one(qute, "mail/" + name + ".txt", data), one(qute, "mail/" + name + ".html", data));
    }

    private static String one(Engine qute, String id, Map<String, Object> data) {
        Template template = qute.getTemplate(id);
        if (template == null) {
            throw new IllegalStateException("missing mail template " + id);
        }
        return template.data(data).render();
    }
}
