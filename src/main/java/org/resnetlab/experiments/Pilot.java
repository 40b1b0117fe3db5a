package org.resnetlab.experiments;

import org.resnetlab.units.ShortcutOption;
import org.resnetlab.experiments.Experiments.Candidate;
import org.resnetlab.experiments.Experiments.Mode;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.train.MetricRow;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunResult;
import org.resnetlab.train.TrainingRun;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pilot's table ({@link Experiments#pilot}): per candidate CPU protocol, what a run costs, how far two seeds of
 * the identity ResNet land apart, and the size of three claims' effects against that spread; plus whether the
 * training error has flattened at lr 0.1 before the first drop. Reads recorded runs only.
 */
public final class Pilot {
    private Pilot() {}

    /** Flattened: over the second half of the lr = 0.1 phase, the training error fell by less than this (points). */
    public static final double FLAT_POINTS = 1.5;

    public static Table table(Mode mode, Path results) {
        StringColumn candidate = StringColumn.create("candidate (width / iterations)");
        StringColumn net = StringColumn.create("ResNet-56 stages");
        StringColumn cost = StringColumn.create("minutes per run (median; wall-clock, shared machine)");
        StringColumn spread = StringColumn.create("identity: test error of its seeds, SD");
        StringColumn plain = StringColumn.create("[1] Fig. 1: plain-56 − ResNet-56, train error");
        StringColumn ordering = StringColumn.create("[2] Table 2: (b) − (e), test error");
        StringColumn scaling = StringColumn.create("[2] Table 1: scaling 0.5/1 − identity, test error");
        StringColumn flat = StringColumn.create("train error fall over 2nd half of lr 0.1 (identity, seed 0)");
        int depth = mode.tableDepth();
        for (Candidate c : Experiments.candidates(mode)) {
            candidate.append(c.label());
            int[] w = new ModelSpec(depth, "original", null, 10, 1, 28, ShortcutOption.A, false, c.width()).stageWidths();
            net.append(w[0] + "/" + w[1] + "/" + w[2]);
            List<RunResult> all = new ArrayList<>();
            double[] identity = values(mode, depth, "original", c, results, false, all);
            double sd = sd(identity);
            spread.append(identity.length == 0 ? "(none yet)" : Arrays.toString(round(identity)) + (identity.length > 1 ? ", SD " + fmt(sd) : ""));
            double[] identityTrain = values(mode, depth, "original", c, results, true, all);
            plain.append(effect(values(mode, depth, "plain", c, results, true, all), identityTrain, sd(identityTrain)));
            ordering.append(effect(values(mode, depth, "bn-after-addition", c, results, false, all),
                    values(mode, depth, "full-preact", c, results, false, all), sd));
            scaling.append(effect(values(mode, depth, "constant-scaling:0.5/1", c, results, false, all), identity, sd));
            Optional<RunResult> seed0 = TrainingRun.recorded(Experiments.config(mode, depth, "original", 0, results, c.width(), c.iterations()));
            flat.append(seed0.map(Pilot::flatteningText).orElse("(not yet)"));
            cost.append(minutes(all));   // every arm's recorded runs, gathered above
        }
        return Table.create("Pilot (" + mode.lower() + " mode, Fashion-MNIST, ResNet-56, seeds 0–1 of the identity, "
                + "seed 0 (0–1 for the first candidate) of the other arms): cost, seed spread and effect sizes; effects "
                + "are differences of medians in points, in units of the identity's seed SD", candidate, net, cost, spread,
                plain, ordering, scaling, flat);
    }

    private static double[] values(Mode mode, int depth, String unit, Candidate c, Path results, boolean train, List<RunResult> all) {
        List<Double> out = new ArrayList<>();
        for (int seed = 0; seed < 2; seed++) {
            RunConfig config = Experiments.config(mode, depth, unit, seed, results, c.width(), c.iterations());
            TrainingRun.recorded(config).ifPresent(r -> {
                if (!all.contains(r)) {
                    all.add(r);
                }
                out.add(Scorecard.value(r, train ? Claims.Metric.TRAIN_ERROR : Claims.Metric.TEST_ERROR));
            });
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** How much the training error fell over the second half of the lr-0.1 phase: "0.8 points (flat)". */
    static String flatteningText(RunResult r) {
        double fall = flattening(r);
        return Double.isNaN(fall) ? "too few evaluations" : fmt(fall) + " points" + (fall < FLAT_POINTS ? " (flat)" : " (still falling)");
    }

    /**
     * Training error at the middle of the phase at the base learning rate minus the error at its end (the last row
     * before the first drop); NaN with fewer than two rows in that phase.
     */
    public static double flattening(RunResult r) {
        var p = r.config().protocol();
        int start = p.warmupIterations();
        int end = p.dropsAt().isEmpty() ? p.iterations() : p.dropsAt().get(0);
        int middle = (start + end) / 2;
        MetricRow mid = null, last = null;
        for (MetricRow row : r.rows()) {
            if (row.iteration() > end) {
                break;
            }
            if (mid == null && row.iteration() >= middle) {
                mid = row;
            }
            last = row;
        }
        return mid == null || last == null || mid == last ? Double.NaN : mid.trainError() - last.trainError();
    }

    private static String effect(double[] arm, double[] reference, double sd) {
        if (arm.length == 0 || reference.length == 0) {
            return "(not yet)";
        }
        double d = DecisionRule.median(arm) - DecisionRule.median(reference);
        return (Double.isInfinite(d) ? "diverged" : fmt(d)) + (sd > 0 && Double.isFinite(d) ? " (" + fmt(d / sd) + " SD)" : "");
    }

    private static String minutes(List<RunResult> runs) {
        double[] m = runs.stream().filter(r -> !r.rows().isEmpty())
                .mapToDouble(r -> r.lastRow().elapsedSeconds() / 60).toArray();
        return m.length == 0 ? "(not yet)" : fmt(DecisionRule.median(m)) + " (" + m.length + " runs)";
    }

    static double sd(double[] v) {
        double[] f = Arrays.stream(v).filter(Double::isFinite).toArray();
        if (f.length < 2) {
            return Double.NaN;
        }
        double mean = Arrays.stream(f).average().getAsDouble();
        return Math.sqrt(Arrays.stream(f).map(x -> (x - mean) * (x - mean)).sum() / (f.length - 1));
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 100) / 100.0).toArray();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
