package org.resnetlab.view;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.Table;

import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;

import java.awt.Color;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One curve per run of an experiment (training error, test error, loss against iteration) with the legend on the
 * right, where nine run labels fit, and ten colours that stay apart. In a notebook:
 * {@code Charts.png(RunCharts.byRun(results.curves(), "Training error", "train_error", "training error %"))}.
 */
public final class RunCharts {
    private RunCharts() {}

    public static final int WIDTH = 900;

    /** Tableau 10: nine or ten runs in one chart stay distinguishable. */
    static final Color[] PALETTE = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C),
            new Color(0xD62728), new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2),
            new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF)};

    /**
     * {@code y} against "iteration", one line per value of the "run" column, in the order the runs appear.
     *
     * @param curves rows of several runs with a "run" column, e.g. {@code ExperimentResults.curves()}
     */
    public static XYChart byRun(Table curves, String title, String y, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(Charts.HEIGHT)
                .title(title).xAxisTitle("iteration").yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setSeriesColors(PALETTE);
        Set<String> runs = new LinkedHashSet<>(curves.stringColumn("run").asList());
        for (String run : runs) {
            Charts.addLine(chart, run, curves.where(curves.stringColumn("run").isEqualTo(run)), "iteration", y);
        }
        return chart;
    }

    /**
     * Final errors against depth, one colour per unit, test error solid and training error dashed.
     *
     * @param byDepth a "depth" column and, per unit, "&lt;unit&gt; train %" and "&lt;unit&gt; test %" columns, as
     *                {@code TrainingDynamics.finalErrorsByDepth} makes them
     */
    public static XYChart errorsByDepth(Table byDepth, String title) {
        XYChart chart = Charts.empty(title, "depth", "final error %");
        int unit = 0;
        for (String column : byDepth.columnNames()) {
            if (!column.endsWith(" test %")) {
                continue;
            }
            String name = column.substring(0, column.length() - " test %".length());
            Color colour = PALETTE[unit++ % PALETTE.length];
            for (String kind : new String[] {"test", "train"}) {
                Charts.addLine(chart, name + " " + kind, byDepth, "depth", name + " " + kind + " %");
                XYSeries series = chart.getSeriesMap().get(name + " " + kind);
                series.setLineColor(colour);
                series.setMarkerColor(colour);
                series.setLineStyle(kind.equals("test") ? SeriesLines.SOLID : SeriesLines.DASH_DASH);
            }
        }
        return chart;
    }
}
