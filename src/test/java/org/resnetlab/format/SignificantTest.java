package org.resnetlab.format;

import org.junit.jupiter.api.Test;
import org.resnetlab.view.Tables;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignificantTest {

    @Test
    void printsThreeSignificantDigits() {
        assertEquals("0.0123", Significant.text(0.012345678, 3));
        assertEquals("4.57e-07", Significant.text(4.5678e-7, 3));
        assertEquals("170", Significant.text(170.4, 3));
        assertEquals("1.5", Significant.text(1.5, 3));
        assertEquals("-2.35", Significant.text(-2.3456, 3));
        assertEquals("6.02e+23", Significant.text(6.02214e23, 3));
        assertEquals("0", Significant.text(0, 3));
        assertEquals("", Significant.text(Double.NaN, 3));
    }

    /** The HTML shows the rounded form; the column keeps the exact value. */
    @Test
    void changesOnlyThePrintedForm() {
        Table t = Table.create("t", StringColumn.create("name", "a"), DoubleColumn.create("x", 0.012345678));
        String html = Tables.html(Significant.digits(t, 3));
        assertTrue(html.contains(">0.0123<"), html);
        assertEquals(0.012345678, t.doubleColumn("x").get(0), 0.0);
    }
}
