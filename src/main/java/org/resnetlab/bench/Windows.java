package org.resnetlab.bench;

import java.util.Arrays;

/**
 * Rates measured over several timed windows, summarised as median, min and max (medians are what the benchmark
 * quotes: the machines are shared and noisy).
 */
public record Windows(double median, double min, double max, int count) {

    public static Windows of(double... rates) {
        if (rates.length == 0) {
            throw new IllegalArgumentException("no windows measured");
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Windows(median, sorted[0], sorted[n - 1], n);
    }

    /**
     * Images/s of each window from the time stamps (ns) taken after every step: window i spans steps
     * {@code warmup + i·steps + 1 … warmup + (i+1)·steps}, i.e. from {@code stamps[warmup + i·steps]} to
     * {@code stamps[warmup + (i+1)·steps]}, where {@code stamps[k]} is the time after k steps (stamps[0] = start).
     */
    public static Windows fromStamps(long[] stamps, int warmup, int windows, int steps, int imagesPerStep) {
        if (stamps.length < warmup + windows * steps + 1) {
            throw new IllegalArgumentException(stamps.length + " stamps for " + warmup + " warm-up steps and "
                    + windows + " windows of " + steps);
        }
        double[] rates = new double[windows];
        for (int i = 0; i < windows; i++) {
            long from = stamps[warmup + i * steps];
            long to = stamps[warmup + (i + 1) * steps];
            rates[i] = (double) imagesPerStep * steps / ((to - from) / 1e9);
        }
        return of(rates);
    }

    /** This summary scaled by a factor (images/s → GFLOP/s). */
    public Windows times(double factor) {
        return new Windows(median * factor, min * factor, max * factor, count);
    }
}
