package org.resnetlab.experiments;

import java.util.Arrays;
import java.util.Locale;

/**
 * When a configuration "fails". [2] calls a run a failure above 20% test error, a number that belongs to converged
 * CIFAR-10 ({@link #PAPER_PERCENT}, used in paper mode). Outside paper mode the data, schedule and width differ, so a
 * configuration fails when its median over seeds diverged or lies above the identity baseline's worst seed by more
 * than half of the baseline's median ({@link #threshold}): with a baseline at 8% whose seeds reach 9%, above 13%.
 */
public final class FailRule {
    private FailRule() {}

    /** [2]: test error above 20% on CIFAR-10. */
    public static final double PAPER_PERCENT = 20.0;
    /** The margin above the baseline's worst seed, as a fraction of the baseline's median. */
    public static final double MARGIN_OF_BASELINE_MEDIAN = 0.5;

    /** The error above which a median fails against {@code baselineSeeds} (NaN / ∞ = diverged seeds). */
    public static double threshold(double[] baselineSeeds) {
        double[] finite = Arrays.stream(baselineSeeds).filter(Double::isFinite).toArray();
        if (finite.length == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = Arrays.stream(finite).max().getAsDouble();
        return worst + MARGIN_OF_BASELINE_MEDIAN * DecisionRule.median(finite);
    }

    /** True when {@code median} fails: diverged, above the paper's 20% in paper mode, else above the threshold. */
    public static boolean fails(double median, boolean paperMode, double[] baselineSeeds) {
        if (Double.isNaN(median) || Double.isInfinite(median)) {
            return true;
        }
        return paperMode ? median > PAPER_PERCENT : median > threshold(baselineSeeds);
    }

    /**
     * A finished run that an older runner recorded as "fail" without its error: ranks above every number and below a
     * diverged run (+∞) in a median over seeds ({@link DecisionRule#median}).
     */
    public static final double FAIL_WITHOUT_NUMBER = Double.MAX_VALUE;

    /**
     * A median over seeds as a table shows it: "fail (diverged)" (+∞), "fail" ({@link #FAIL_WITHOUT_NUMBER}),
     * "fail (12.34)" where {@link #fails} says so, else the number with two decimals.
     */
    public static String text(double median, boolean paperMode, double[] baselineSeeds) {
        if (Double.isInfinite(median)) {
            return "fail (diverged)";
        }
        if (median == FAIL_WITHOUT_NUMBER) {
            return "fail";
        }
        String number = String.format(Locale.ROOT, "%.2f", median);
        return fails(median, paperMode, baselineSeeds) ? "fail (" + number + ")" : number;
    }

    /** One sentence for table titles and notebooks. */
    public static String description(boolean paperMode) {
        return paperMode ? "\"fail\": diverged, or median test error above 20% ([2])"
                : "\"fail\": diverged, or median test error above the identity baseline's worst seed by more than half "
                        + "the baseline's median ([2]'s 20% belongs to converged CIFAR-10)";
    }
}
