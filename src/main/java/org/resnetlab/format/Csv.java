package org.resnetlab.format;

import java.util.List;
import java.util.Locale;

/**
 * CSV rows written a line at a time: {@code metrics.csv} (one row per evaluation, read back and rewritten on resume)
 * and {@code resnetlab bench --csv} (rows appended to a file that {@code bench/report.py} reads). Whole tables go
 * through Tablesaw ({@code experiments.RecordedTables}); these two do not, because Tablesaw writes whole tables and
 * writes a NaN double as an empty (missing) field and its own number text, where the committed metrics.csv files hold
 * "nan" and Java's shortest round-tripping text ("1.0E-4") and must stay byte for byte as they are.
 */
public final class Csv {
    private Csv() {}

    /** One line (no line end): the fields joined by commas, each quoted when it needs it ({@link #quote}). */
    public static String row(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            line.append(i == 0 ? "" : ",").append(quote(fields.get(i)));
        }
        return line.toString();
    }

    public static String row(String... fields) {
        return row(List.of(fields));
    }

    /** RFC 4180: a field holding a comma, a quote or a line break in quotes, its quotes doubled; others as they are. */
    public static String quote(String field) {
        boolean needs = field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r");
        return needs ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }

    /** A double that reads back exactly: Java's shortest text, "nan", "infinity", "-infinity" for the others. */
    public static String exact(double value) {
        return Double.isFinite(value) ? Double.toString(value) : String.valueOf(value).toLowerCase(Locale.ROOT);
    }

    /** The inverse of {@link #exact}. */
    public static double parseExact(String text) {
        return switch (text) {
            case "nan" -> Double.NaN;
            case "infinity" -> Double.POSITIVE_INFINITY;
            case "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
