package org.resnetlab.format;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.Locale;

/**
 * Prints the floating-point columns of a table with a fixed number of significant digits (0.0123, 4.56e-07, 170),
 * so that tables of measurements read at a glance. Only the printed form changes: the values, and what a CSV
 * writer stores, keep full precision.
 */
public final class Significant {
    private Significant() {}

    /** Sets the formatter of every double column of {@code table} and returns the table. */
    public static Table digits(Table table, int digits) {
        for (Column<?> column : table.columns()) {
            if (column instanceof DoubleColumn d) {
                d.setPrintFormatter(formatter(digits));
            }
        }
        return table;
    }

    /** The formatter: %g with {@code digits} significant digits, trailing zeros dropped; missing values empty. */
    public static NumberColumnFormatter formatter(int digits) {
        return new NumberColumnFormatter() {
            @Override
            public String format(double value) {
                return text(value, digits);
            }
        };
    }

    static String text(double value, int digits) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (value == 0 || Double.isInfinite(value)) {
            return value == 0 ? "0" : Double.toString(value);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-4 && magnitude < Math.pow(10, digits)) {
            // plain notation, as many decimals as the significant digits need
            int decimals = Math.max(0, digits - 1 - (int) Math.floor(Math.log10(magnitude)));
            String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
            return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }
        String s = String.format(Locale.ROOT, "%." + (digits - 1) + "e", value);
        String[] parts = s.split("e");
        String mantissa = parts[0].contains(".") ? parts[0].replaceAll("0+$", "").replaceAll("\\.$", "") : parts[0];
        return mantissa + "e" + parts[1];
    }
}
