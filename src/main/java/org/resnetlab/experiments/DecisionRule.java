package org.resnetlab.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The one rule that turns seeds into a verdict on a claim of the papers. A claim is a <em>contrast</em> of per-cell
 * medians that the paper says is positive (e.g. median error of plain-56 minus median error of plain-20); a diverged
 * seed counts as an error above every number. The contrast's uncertainty comes from a bootstrap over seeds: each cell's
 * seeds are resampled with replacement ({@value #RESAMPLES} times, fixed random seed, so a verdict is repeatable) and
 * the 5th and 95th percentiles of the resampled contrast form a 90% interval.
 * <ul>
 *   <li><b>reproduced</b>: the whole interval lies on the paper's side of zero (lower end &gt; 0). With 3 seeds against
 *       3 this needs the two cells' seed ranges to be completely separated in the paper's direction, which happens by
 *       chance 1 time in 20 when the cells do not differ;</li>
 *   <li><b>not reproduced</b>: our observed contrast is zero or has the opposite sign to the paper's;</li>
 *   <li><b>inconclusive</b>: observed on the paper's side, but the interval reaches zero (the seeds overlap);</li>
 *   <li><b>n too small</b>: a cell has fewer seeds than the claim needs (never a verdict).</li>
 * </ul>
 * Claims of equality ("≈", {@link Kind#SIMILAR}) use the interval the other way round: reproduced when it lies inside
 * ±{@value #SIMILAR_MARGIN} of the reference cell's median (relative), not reproduced when it lies wholly outside,
 * inconclusive otherwise.
 */
public final class DecisionRule {
    private DecisionRule() {}

    public static final int RESAMPLES = 4000;
    public static final long BOOTSTRAP_SEED = 20160317L;
    /** ≈ means within 10% of the reference's median error ([2]: (d) 6.71 vs (a) 6.61; b_g = −6 gating 6.91 vs 6.61). */
    public static final double SIMILAR_MARGIN = 0.10;
    /** Seeds every cell needs before a verdict. */
    public static final int MIN_SEEDS = 3;

    /** The shape of a claim over its cells c0, c1, …, as the contrast the paper says is positive. */
    public enum Kind {
        /** c0 is higher than c1: m0 − m1. */
        HIGHER,
        /** c0 is higher than every other cell: m0 − max(m1 …). */
        HIGHEST,
        /** c0 is lower than every other cell: min(m1 …) − m0. */
        LOWEST,
        /** c0 ≈ c1: m0 − m1 within ±10% of m1. */
        SIMILAR,
        /** c0 "fails" against the baseline c1 ({@link FailRule}): m0 − threshold(c1). */
        FAILS,
        /** the gap c0 − c1 is larger than the gap c2 − c3: (m0 − m1) − (m2 − m3). */
        GAP_GROWS
    }

    public enum Verdict {
        REPRODUCED("reproduced"), NOT_REPRODUCED("not reproduced"), INCONCLUSIVE("inconclusive"), N_TOO_SMALL("n too small");

        private final String text;

        Verdict(String text) { this.text = text; }

        public String text() { return text; }
    }

    /**
     * A verdict with what it rests on.
     *
     * @param observed the contrast of the observed medians (NaN when n is too small)
     * @param low      5th percentile of the bootstrapped contrast
     * @param high     95th percentile
     * @param margin   the ± band of a SIMILAR claim (0 otherwise)
     */
    public record Decision(Verdict verdict, double observed, double low, double high, double margin) {

        /** "+2.31 [0.80, 4.12]" or "—". */
        public String contrastText() {
            if (Double.isNaN(observed)) {
                return "—";
            }
            return signed(observed) + " [" + signed(low) + ", " + signed(high) + "]"
                    + (margin > 0 ? " (≈ band ±" + String.format(Locale.ROOT, "%.2f", margin) + ")" : "");
        }

        private static String signed(double v) {
            return Double.isInfinite(v) ? (v > 0 ? "+∞" : "−∞") : String.format(Locale.ROOT, "%+.2f", v);
        }
    }

    /** The verdict for {@code kind} over the cells' per-seed values (NaN or +∞ = diverged). */
    public static Decision decide(Kind kind, List<double[]> cells) {
        int needed = switch (kind) {
            case HIGHER, SIMILAR, FAILS -> 2;
            case GAP_GROWS -> 4;
            case HIGHEST, LOWEST -> 2;
        };
        if (cells.size() < needed || (kind == Kind.GAP_GROWS && cells.size() != 4)) {
            throw new IllegalArgumentException(kind + " needs " + needed + " cells, got " + cells.size());
        }
        List<double[]> clean = new ArrayList<>();
        for (double[] cell : cells) {
            if (cell.length < MIN_SEEDS) {
                return new Decision(Verdict.N_TOO_SMALL, Double.NaN, Double.NaN, Double.NaN, 0);
            }
            clean.add(Arrays.stream(cell).map(v -> Double.isNaN(v) ? Double.POSITIVE_INFINITY : v).toArray());
        }
        double[] medians = clean.stream().mapToDouble(DecisionRule::median).toArray();
        // FAILS compares with a threshold fixed by the observed baseline: only the variant's seeds are resampled
        double threshold = kind == Kind.FAILS ? FailRule.threshold(clean.get(1)) : Double.NaN;
        double observed = contrast(kind, medians, threshold);
        Random random = new Random(BOOTSTRAP_SEED);
        double[] boot = new double[RESAMPLES];
        double[] m = new double[clean.size()];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int c = 0; c < clean.size(); c++) {
                m[c] = kind == Kind.FAILS && c == 1 ? medians[1] : median(resample(clean.get(c), random));
            }
            boot[b] = contrast(kind, m, threshold);
        }
        Arrays.sort(boot);
        double low = boot[(int) Math.floor(0.05 * (RESAMPLES - 1))];
        double high = boot[(int) Math.ceil(0.95 * (RESAMPLES - 1))];
        if (kind == Kind.SIMILAR) {
            double margin = SIMILAR_MARGIN * medians[1];
            Verdict v = low > -margin && high < margin ? Verdict.REPRODUCED
                    : low >= margin || high <= -margin ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
            return new Decision(v, observed, low, high, margin);
        }
        Verdict v = Double.isNaN(observed) || observed <= 0 ? Verdict.NOT_REPRODUCED
                : low > 0 ? Verdict.REPRODUCED : Verdict.INCONCLUSIVE;
        return new Decision(v, observed, low, high, 0);
    }

    static double contrast(Kind kind, double[] m, double threshold) {
        return switch (kind) {
            case HIGHER, SIMILAR -> difference(m[0], m[1]);
            case FAILS -> difference(m[0], threshold);
            case HIGHEST -> difference(m[0], max(m, 1));
            case LOWEST -> difference(min(m, 1), m[0]);
            case GAP_GROWS -> difference(difference(m[0], m[1]), difference(m[2], m[3]));
        };
    }

    /** a − b where ∞ − ∞ (both diverged) is 0: no difference between two failures. */
    static double difference(double a, double b) {
        if (Double.isInfinite(a) && Double.isInfinite(b) && Math.signum(a) == Math.signum(b)) {
            return 0;
        }
        return a - b;
    }

    private static double max(double[] m, int from) {
        double v = Double.NEGATIVE_INFINITY;
        for (int i = from; i < m.length; i++) {
            v = Math.max(v, m[i]);
        }
        return v;
    }

    private static double min(double[] m, int from) {
        double v = Double.POSITIVE_INFINITY;
        for (int i = from; i < m.length; i++) {
            v = Math.min(v, m[i]);
        }
        return v;
    }

    private static double[] resample(double[] values, Random random) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[random.nextInt(values.length)];
        }
        return out;
    }

    /** The median; an even count averages the middle two (∞ stays ∞). */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double upper = sorted[n / 2];
        // of two middle values where the upper one is no measured number (diverged +∞, NaN, a fail without its
        // number: FailRule.FAIL_WITHOUT_NUMBER), the upper one
        boolean noNumber = !Double.isFinite(upper) || upper >= FailRule.FAIL_WITHOUT_NUMBER;
        return n % 2 == 1 || noNumber ? upper : (sorted[n / 2 - 1] + upper) / 2;
    }
}
