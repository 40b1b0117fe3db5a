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
}
