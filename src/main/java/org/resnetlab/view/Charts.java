package org.resnetlab.view;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * XChart charts drawn from Tablesaw tables and handed to the notebook as PNG images, which every viewer shows
 * (JupyterLab, nbconvert HTML, GitHub, offline). In a notebook the last expression {@code Charts.png(chart)}
 * renders as an image.
 */
public final class Charts {
    private Charts() {}

    public static final int WIDTH = 720;
    public static final int HEIGHT = 420;

    /** One line per y column against the x column. */
    public static XYChart lines(Table table, String title, String x, String... ys) {
        XYChart chart = empty(title, x, ys.length == 1 ? ys[0] : "");
        for (String y : ys) {
            addLine(chart, y, table, x, y);
        }
        return chart;
    }

    /** A chart with the project's style and no series yet. */
    public static XYChart empty(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setMarkerSize(4);
        return chart;
    }

    /** Adds the pair of numeric columns (x, y) of a table as one line. */
    public static void addLine(XYChart chart, String seriesName, Table table, String x, String y) {
        double[] xs = ((NumericColumn<?>) table.column(x)).asDoubleArray();
        double[] vs = ((NumericColumn<?>) table.column(y)).asDoubleArray();
        chart.addSeries(seriesName, xs, vs).setMarker(xs.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }

    /**
     * Logarithmic y axis from the whole decade below the smallest positive value to the whole decade above the
     * largest, so the axis always carries at least two labelled ticks (XChart labels only powers of ten, and a
     * range inside one decade would show none).
     */
    public static XYChart logY(XYChart chart) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (double y : series.getYData()) {
                if (y > 0 && Double.isFinite(y)) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        chart.getStyler().setYAxisLogarithmic(true);
        if (max > 0) {
            double[] range = wholeDecades(min, max);
            chart.getStyler().setYAxisMin(range[0]).setYAxisMax(range[1]);
        }
        return chart;
    }

    /** {10^floor(log10 min), 10^ceil(log10 max)}, at least one decade apart. */
    static double[] wholeDecades(double min, double max) {
        double low = Math.pow(10, Math.floor(Math.log10(min)));
        double high = Math.pow(10, Math.ceil(Math.log10(max)));
        if (high <= low) {
            high = low * 10;
        }
        return new double[] {low, high};
    }

    /**
     * The chart as an image: the notebook displays it as image/png. A chart without series (no run recorded yet, in
     * {@code RESNETLAB_TRAIN=recorded} mode) becomes a blank image saying so, which XChart cannot draw itself.
     */
    public static BufferedImage png(XYChart chart) {
        if (chart.getSeriesMap().isEmpty()) {
            BufferedImage image = new BufferedImage(chart.getWidth(), 80, BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = image.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(java.awt.Color.DARK_GRAY);
            g.drawString(chart.getTitle() + ": no runs recorded yet", 10, 45);
            g.dispose();
            return image;
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Writes the chart as a PNG file (parent folders created) and returns its path. */
    public static Path save(XYChart chart, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
