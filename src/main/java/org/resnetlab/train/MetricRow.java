package org.resnetlab.train;

import java.util.List;
import org.resnetlab.format.Csv;

/**
 * One evaluation: errors in percent (as the paper reports them), losses as mean cross-entropy; train values are
 * averages over the iterations since the previous row, test values over the (possibly limited) test set.
 */
public record MetricRow(int iteration, double epoch, double lr, double trainLoss, double trainError,
                        double testLoss, double testError, double imagesPerSecond, double elapsedSeconds) {

    public static final List<String> COLUMNS = List.of("iteration", "epoch", "lr", "train_loss", "train_error",
            "test_loss", "test_error", "images_per_s", "elapsed_s");

    /** The row as metrics.csv holds it: every number in its exact text ({@link Csv#exact}). */
    public String toCsv() {
        return Csv.row(Integer.toString(iteration), Csv.exact(epoch), Csv.exact(lr), Csv.exact(trainLoss),
                Csv.exact(trainError), Csv.exact(testLoss), Csv.exact(testError), Csv.exact(imagesPerSecond),
                Csv.exact(elapsedSeconds));
    }

    public static MetricRow parse(String line) {
        String[] f = line.split(",");
        if (f.length != COLUMNS.size()) {
            throw new IllegalArgumentException(f.length + " fields instead of " + COLUMNS.size());
        }
        return new MetricRow(Integer.parseInt(f[0]), d(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[6]), d(f[7]), d(f[8]));
    }

    private static double d(String s) {
        return Csv.parseExact(s);
    }
}
