package org.resnetlab.view;

import tech.tablesaw.api.Table;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Tablesaw tables as plain HTML: no scripts and no CDN, so they show in JupyterLab, nbconvert HTML and on GitHub.
 *
 * <p>In a notebook: {@code display(Tables.html(table), "text/html");}
 */
public final class Tables {
    private Tables() {}

    /** The whole table as an HTML {@code <table>}, cell text escaped, preceded by its name as a caption. */
    public static String html(Table table) {
        StringWriter out = new StringWriter();
        try {
            new HtmlWriter().write(table, HtmlWriteOptions.builder(out).escapeText(true).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        String body = out.toString();
        String name = table.name();
        if (name == null || name.isBlank()) {
            return body;
        }
        return "<p><b>" + escape(name) + "</b></p>\n" + body;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
