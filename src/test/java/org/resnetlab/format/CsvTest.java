package org.resnetlab.format;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTest {

    @Test
    void fieldsAreQuotedOnlyWhenTheyNeedIt() {
        assertEquals("a,b c,,\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"",
                Csv.row("a", "b c", "", "x, y", "say \"hi\"", "two\nlines"));
        assertEquals("iteration,epoch", Csv.row(List.of("iteration", "epoch")));
    }

    @Test
    void numbersReadBackExactly() {
        for (double v : new double[] {0.1, 1.0E-4, 12.345678901234567, 100.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, -0.0}) {
            assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(Csv.parseExact(Csv.exact(v))), Csv.exact(v));
        }
        assertEquals(List.of("1.0E-4", "nan", "infinity", "-infinity", "100.0"), List.of(Csv.exact(1e-4), Csv.exact(Double.NaN),
                Csv.exact(Double.POSITIVE_INFINITY), Csv.exact(Double.NEGATIVE_INFINITY), Csv.exact(100)));
    }
}
