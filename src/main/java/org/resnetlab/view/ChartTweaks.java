package org.resnetlab.view;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;

import java.util.function.Predicate;

/** Small adjustments of {@link Charts}' charts that the notebooks need more than once. */
public final class ChartTweaks {
    private ChartTweaks() {}

    /**
     * Logarithmic y axis from the whole decade below the smallest positive value to the whole decade above the
     * largest, so the axis always carries at least two labelled ticks (XChart labels only powers of ten, and a
     * range inside one decade would show none).
     */
    public static XYChart logYWholeDecades(XYChart chart) {
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

    /** Dashed lines for the series whose name matches (e.g. the plain nets, or the curves at initialisation). */
    public static XYChart dash(XYChart chart, Predicate<String> seriesName) {
        chart.getSeriesMap().forEach((name, series) -> {
            if (seriesName.test(name)) {
                series.setLineStyle(SeriesLines.DASH_DASH);
            }
        });
        return chart;
    }

    /** The legend in one column to the right of the plot: for charts with many or long series names. */
    public static XYChart legendOnTheRight(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        return chart;
    }
}
