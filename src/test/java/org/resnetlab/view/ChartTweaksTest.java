package org.resnetlab.view;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.lines.SeriesLines;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartTweaksTest {

    @Test
    void wholeDecadesAroundTheData() {
        assertArrayEquals(new double[] {0.01, 0.1}, ChartTweaks.wholeDecades(0.012, 0.058), 1e-15);
        assertArrayEquals(new double[] {0.1, 1000}, ChartTweaks.wholeDecades(0.5, 170), 1e-12);
        assertArrayEquals(new double[] {1, 10}, ChartTweaks.wholeDecades(1, 1), 1e-12);
    }

    @Test
    void logAxisAndDashes() {
        Table t = Table.create("t", DoubleColumn.create("x", 0, 1, 2), DoubleColumn.create("a init", 0.02, 0.03, 0.05),
                DoubleColumn.create("a trained", 0.04, 0.0, 0.06));
        XYChart chart = Charts.lines(t, "t", "x", "a init", "a trained");
        ChartTweaks.logYWholeDecades(chart);
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertEquals(0.01, chart.getStyler().getYAxisMin(), 1e-15);
        assertEquals(0.1, chart.getStyler().getYAxisMax(), 1e-15);
        ChartTweaks.dash(chart, name -> name.endsWith("init"));
        assertEquals(SeriesLines.DASH_DASH, chart.getSeriesMap().get("a init").getLineStyle());
        assertNotEquals(SeriesLines.DASH_DASH, chart.getSeriesMap().get("a trained").getLineStyle());
        Charts.png(ChartTweaks.legendOnTheRight(chart)); // draws
    }
}
