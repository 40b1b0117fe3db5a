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
 * The notebooks' curves: one per run of an experiment (training error, test error, loss against iteration), one per
 * group of a table (the blocks of a fitting run), or a pair per net or unit (at initialisation and trained, test and
 * training error), with the legend on the right, where nine run labels fit, and ten colours that stay apart. In a
 * notebook: {@code Charts.png(RunCharts.byRun(results.curves(), "Training error", "train_error", "training error %"))}.
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
        return byGroup(curves, "run", "iteration", title, y, yTitle);
    }

    /**
     * {@code y} against {@code x}, one line per value of the {@code group} column in the order they appear (e.g. one
     * curve per block of a fitting run), in the style of {@link #byRun}.
     */
    public static XYChart byGroup(Table table, String group, String x, String title, String y, String yTitle) {
        XYChart chart = legendRight(title, x, yTitle);
        Set<String> groups = new LinkedHashSet<>(table.stringColumn(group).asList());
        for (String g : groups) {
            Charts.addLine(chart, g, table.where(table.stringColumn(group).isEqualTo(g)), x, y);
        }
        return chart;
    }

    /**
     * A measurement at initialisation and after training per net, against {@code x}: one colour per net, trained
     * solid, at initialisation dashed, y on a logarithmic axis of whole decades ({@link Charts#logY}).
     *
     * @param table an {@code x} column and, per net, "&lt;net&gt; init" and "&lt;net&gt; trained" columns, as
     *              {@code TrainedNetProbes.gradientNorms} makes them
     */
    public static XYChart initAndTrained(Table table, String x, String title, String yTitle) {
        XYChart chart = legendRight(title, x, yTitle);
        pairs(chart, table, x, " trained", " init");
        return Charts.logY(chart);
    }

    private static XYChart legendRight(String title, String x, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(Charts.HEIGHT)
                .title(title).xAxisTitle(x).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setSeriesColors(PALETTE);
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
        pairs(chart, byDepth, "depth", " test %", " train %");
        return chart;
    }

    /**
     * For every column "&lt;name&gt;&lt;solid&gt;" with a partner "&lt;name&gt;&lt;dashed&gt;": both against x in
     * one colour of the palette, the first solid, the second dashed; series named by the column without a trailing
     * " %".
     */
    private static void pairs(XYChart chart, Table table, String x, String solid, String dashed) {
        int pair = 0;
        for (String column : table.columnNames()) {
            String name = column.substring(0, Math.max(0, column.length() - solid.length()));
            if (!column.endsWith(solid) || !table.columnNames().contains(name + dashed)) {
                continue;
            }
            Color colour = PALETTE[pair++ % PALETTE.length];
            for (String suffix : new String[] {solid, dashed}) {
                String series = (name + suffix).replaceFirst(" %$", "");
                Charts.addLine(chart, series, table, x, name + suffix);
                XYSeries s = chart.getSeriesMap().get(series);
                s.setLineColor(colour);
                s.setMarkerColor(colour);
                s.setLineStyle(suffix.equals(solid) ? SeriesLines.SOLID : SeriesLines.DASH_DASH);
            }
        }
    }
}
