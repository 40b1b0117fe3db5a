package org.resnetlab.train;

import java.util.List;
import java.util.Locale;

/**
 * One evaluation: errors in percent (as the paper reports them), losses as mean cross-entropy; train values are
 * averages over the iterations since the previous row, test values over the (possibly limited) test set.
 */
public record MetricRow(int iteration, double epoch, double lr, double trainLoss, double trainError,
                        double testLoss, double testError, double imagesPerSecond, double elapsedSeconds) {

    public static final List<String> COLUMNS = List.of("iteration", "epoch", "lr", "train_loss", "train_error",
            "test_loss", "test_error", "images_per_s", "elapsed_s");

    public String toCsv() {
        return iteration + "," + number(epoch) + "," + number(lr) + "," + number(trainLoss) + "," + number(trainError)
                + "," + number(testLoss) + "," + number(testError) + "," + number(imagesPerSecond) + ","
                + number(elapsedSeconds);
    }

    /** Round-trips exactly: Java's shortest repr of a double. */
    private static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : String.valueOf(value).toLowerCase(Locale.ROOT);
    }

    public static MetricRow parse(String line) {
        String[] f = line.split(",");
        if (f.length != COLUMNS.size()) {
            throw new IllegalArgumentException(f.length + " fields instead of " + COLUMNS.size());
        }
        return new MetricRow(Integer.parseInt(f[0]), d(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[6]), d(f[7]), d(f[8]));
    }

    private static double d(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "infinity" -> Double.POSITIVE_INFINITY;
            case "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
