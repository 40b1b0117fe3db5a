package org.resnetlab.exercises;

import org.resnetlab.experiments.ExperimentResults;
import org.resnetlab.experiments.TrainingDynamics;
import org.resnetlab.models.Depths;
import org.resnetlab.units.Body;
import org.resnetlab.train.MetricRow;
import org.resnetlab.train.RunResult;
import org.resnetlab.units.ResidualUnits;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Checking cells of notebook 05 (original vs full pre-activation as depth grows, [2] Table 3, Fig. 1 and 6). */
public final class GoingDeeperExercises {
    private GoingDeeperExercises() {}

    /** How many residual units does a net of this depth and body ("basic" or "bottleneck") have? */
    public static Verdict unitCount(int depth, String body, int answer) {
        Depths.Layout layout = Depths.resolve(depth, Body.valueOf(body.trim().toUpperCase(Locale.ROOT)));
        int expected = 3 * layout.unitsPerStage();
        int layersPerUnit = layout.body() == Body.BASIC ? 2 : 3;
        if (answer == expected) {
            return Verdict.right("Every one of them is a place where the original unit's ReLU after the addition "
                    + "touches the shortcut signal.");
        }
        if (answer == expected / 3) {
            return Verdict.notYet("That is one stage; how many stages does a CIFAR ResNet have?");
        }
        return Verdict.notYet("Subtract the first convolution and the classifier from the depth, then divide by the "
                + "weight layers per unit (" + layersPerUnit + " in a " + layout.body().name().toLowerCase(Locale.ROOT)
                + " unit).");
    }

    /** {@link #unitCount(int, String, int)} with the answer from a method of the answer cell. */
    public static Verdict unitCount(int depth, String body, Supplier<Integer> answer) {
        return Answers.verdict(answer, a -> unitCount(depth, body, a.intValue()));
    }

    /** Reading the results: at this depth, which unit ends with the smaller gap between test and training error? */
    public static Verdict smallerGap(ExperimentResults results, int depth, String unit) {
        return compare(results, depth, unit, r -> last(r).testError() - last(r).trainError(), true,
                "Compare 'gap: test − train error' of the two runs at depth " + depth + " in the table above.");
    }

    /** {@link #smallerGap(ExperimentResults, int, String)} with the answer from a method of the answer cell. */
    public static Verdict smallerGap(ExperimentResults results, int depth, Supplier<String> unit) {
        return Answers.verdict(unit, a -> smallerGap(results, depth, a));
    }

    /**
     * Reading the results: at this depth, which unit has the higher mean training loss over the first
     * {@code lastIteration} iterations (the slower start)?
     */
    public static Verdict slowerStart(ExperimentResults results, int depth, int lastIteration, String unit) {
        return compare(results, depth, unit, r -> TrainingDynamics.meanTrainLoss(r.rows(), lastIteration), false,
                "Compare the early-training table's mean training loss of the two runs at depth " + depth + ".");
    }

    /** {@link #slowerStart(ExperimentResults, int, int, String)} with the answer from a method of the answer cell. */
    public static Verdict slowerStart(ExperimentResults results, int depth, int lastIteration, Supplier<String> unit) {
        return Answers.verdict(unit, a -> slowerStart(results, depth, lastIteration, a));
    }

    private interface Measure {
        double of(RunResult r);
    }

    /** The unit of the two (original, full-preact) at this depth whose measure is lower (or higher). */
    private static Verdict compare(ExperimentResults results, int depth, String unit, Measure measure,
                                   boolean lowerWins, String hint) {
        String answer;
        try {
            answer = ResidualUnits.of(unit).name();
        } catch (IllegalArgumentException e) {
            return Verdict.notYet("Answer with a unit name: \"original\" or \"full-preact\".");
        }
        RunResult original = find(results, depth, "original");
        RunResult preact = find(results, depth, "full-preact");
        if (original == null || preact == null || original.rows().isEmpty() || preact.rows().isEmpty()) {
            return Verdict.notYet("These results have no pair of runs at depth " + depth + "; use a depth of the table.");
        }
        double a = measure.of(original);
        double b = measure.of(preact);
        if (!Double.isFinite(a) || !Double.isFinite(b) || a == b) {
            return Verdict.notYet("These two runs do not separate on this measure (" + a + " vs " + b
                    + "), so the data cannot judge the answer.");
        }
        String expected = (a < b) == lowerWins ? "original" : "full-preact";
        return answer.equals(expected)
                ? Verdict.right("Judged on these runs. Does [2] (Fig. 1, Fig. 6) report the same for its deep nets?")
                : Verdict.notYet(hint);
    }

    private static RunResult find(ExperimentResults results, int depth, String unit) {
        for (RunResult r : results.results()) {
            if (r.config().model().depth() == depth && ResidualUnits.of(r.config().model().unit()).name().equals(unit)) {
                return r;
            }
        }
        return null;
    }

    private static MetricRow last(RunResult r) {
        List<MetricRow> rows = r.rows();
        return rows.get(rows.size() - 1);
    }
}
