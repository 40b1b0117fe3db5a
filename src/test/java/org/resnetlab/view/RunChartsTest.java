package org.resnetlab.view;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunChartsTest {

    @Test
    void oneSeriesPerRunInTheOrderTheRunsAppear() {
        List<String> labels = List.of("zeta", "alpha", "(c) mid", "d", "e", "f", "g", "h", "i");
        StringColumn run = StringColumn.create("run");
        IntColumn iteration = IntColumn.create("iteration");
        DoubleColumn error = DoubleColumn.create("train_error");
        for (int r = 0; r < labels.size(); r++) {
            for (int i = 1; i <= 3; i++) {
                run.append(labels.get(r));
                iteration.append(10 * i);
                error.append(90 - 10 * i - r);
            }
        }
        XYChart chart = RunCharts.byRun(Table.create("curves", run, iteration, error), "t", "train_error", "%");
        assertEquals(labels, new ArrayList<>(chart.getSeriesMap().keySet()));
        assertEquals(List.of(10.0, 20.0, 30.0), java.util.Arrays.stream(chart.getSeriesMap().get("alpha").getXData()).boxed().toList());
        BufferedImage image = Charts.png(chart);
        assertEquals(RunCharts.WIDTH, image.getWidth());
        int ninth = RunCharts.PALETTE[8].getRGB();
        boolean drawn = false;
        for (int x = 0; x < image.getWidth() && !drawn; x++) {
            for (int y = 0; y < image.getHeight() && !drawn; y++) {
                drawn = image.getRGB(x, y) == ninth;
            }
        }
        assertTrue(drawn, "the ninth run has its own colour");
    }

    @Test
    void errorsByDepthPairsEachUnitsTrainAndTestInOneColour() {
        Table byDepth = Table.create("by depth", DoubleColumn.create("depth", 20, 56),
                DoubleColumn.create("original train %", 5, 6), DoubleColumn.create("original test %", 8, 9),
                DoubleColumn.create("full-preact train %", 6, 7), DoubleColumn.create("full-preact test %", 7, 7.5));
        XYChart chart = RunCharts.errorsByDepth(byDepth, "t");
        assertEquals(List.of("original test", "original train", "full-preact test", "full-preact train"),
                new ArrayList<>(chart.getSeriesMap().keySet()));
        var s = chart.getSeriesMap();
        assertEquals(s.get("original test").getLineColor(), s.get("original train").getLineColor());
        assertTrue(!s.get("original test").getLineColor().equals(s.get("full-preact test").getLineColor()));
        assertEquals(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH, s.get("full-preact train").getLineStyle());
        assertEquals(Charts.WIDTH, Charts.png(chart).getWidth());
    }

    @Test
    void initAndTrainedPairsEachNetInOneColourOnWholeDecades() {
        Table norms = Table.create("norms", IntColumn.create("l", 0, 1, 2),
                DoubleColumn.create("plain init", 0.868, 0.586, 0.509), DoubleColumn.create("plain trained", 0.00097, 0.0, 0.00036),
                DoubleColumn.create("preact init", 0.00088, 0.00044, 0.00031), DoubleColumn.create("preact trained", 0.0016, 0.0003, 0.0002),
                DoubleColumn.create("lonely trained", 1, 2, 3));
        XYChart chart = RunCharts.initAndTrained(norms, "l", "t", "‖∂E/∂x_l‖");
        var s = chart.getSeriesMap();
        assertEquals(List.of("plain trained", "plain init", "preact trained", "preact init"), new ArrayList<>(s.keySet()),
                "a column without its partner is no pair");
        assertEquals(s.get("plain init").getLineColor(), s.get("plain trained").getLineColor());
        assertTrue(!s.get("plain init").getLineColor().equals(s.get("preact init").getLineColor()));
        assertEquals(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH, s.get("preact init").getLineStyle());
        assertEquals(org.knowm.xchart.style.lines.SeriesLines.SOLID, s.get("preact trained").getLineStyle());
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertEquals(1e-4, chart.getStyler().getYAxisMin(), 1e-18, "the decade below 0.0002; the 0 is skipped");
        assertEquals(1.0, chart.getStyler().getYAxisMax(), 1e-15);
        assertEquals(RunCharts.WIDTH, Charts.png(chart).getWidth());
    }

    @Test
    void byGroupDrawsOneCurvePerGroupAgainstAnyColumn() {
        Table fit = Table.create("fit", StringColumn.create("block", "residual", "residual", "plain", "plain"),
                IntColumn.create("step", 1, 2, 1, 2), DoubleColumn.create("relative error", 0.5, 0.05, 0.9, 0.7));
        XYChart chart = Charts.logY(RunCharts.byGroup(fit, "block", "step", "t", "relative error", "relative error"));
        assertEquals(List.of("residual", "plain"), new ArrayList<>(chart.getSeriesMap().keySet()));
        assertEquals(List.of(0.9, 0.7), java.util.Arrays.stream(chart.getSeriesMap().get("plain").getYData()).boxed().toList());
        assertEquals("step", chart.getXAxisTitle());
        assertEquals(0.01, chart.getStyler().getYAxisMin(), 1e-15);
        assertEquals(1.0, chart.getStyler().getYAxisMax(), 1e-15);
    }

    @Test
    void wholeDecadesAroundTheData() {
        assertArrayEquals(new double[] {0.01, 0.1}, Charts.wholeDecades(0.012, 0.058), 1e-15);
        assertArrayEquals(new double[] {0.1, 1000}, Charts.wholeDecades(0.5, 170), 1e-12);
        assertArrayEquals(new double[] {1, 10}, Charts.wholeDecades(1, 1), 1e-12);
    }
}
