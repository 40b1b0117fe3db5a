package org.resnetlab.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.resnetlab.experiments.ExperimentResults;
import tech.tablesaw.api.Table;

import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/** Checking cells of notebook 01 (the residual mapping H(x) = F(x) + x and the degradation problem of [1]). */
public final class ResidualMappingExercises {
    private ResidualMappingExercises() {}

    /**
     * The forward pass of a residual block (the full pre-activation kind, [2] eq. 1–2 with h and f identities) from
     * its residual function F, against the project's {@code full-preact} unit on a random batch; the plain block, a
     * ReLU after the addition and a wrong sign are named.
     */
    public static Verdict residualBlock(ResidualBlock answer) {
        return ExerciseUnit.check((unit, ps, x) -> {
            NDArray expected = unit.forwardParts(ps, x, true).output();
            Function<NDArray, NDArray> f = input -> unit.residual(ps, input, true);
            NDArray got = answer.apply(x, f);
            String shape = ExerciseUnit.shapeProblem(got, expected);
            if (shape != null) {
                return Verdict.notYet(shape);
            }
            if (ExerciseUnit.close(got, expected)) {
                return Verdict.right("Your block computes x + F(x): the layers learn only the residual F = H − x.");
            }
            NDArray fx = f.apply(x);
            if (ExerciseUnit.close(got, fx)) {
                return Verdict.notYet("That is the plain block F(x): where does the input x go?");
            }
            if (ExerciseUnit.close(got, Activation.relu(x.add(fx)))) {
                return Verdict.notYet("A ReLU after the addition is the original unit's f; in this unit nothing "
                        + "follows the addition, so that x passes through unchanged.");
            }
            if (ExerciseUnit.close(got, x.sub(fx)) || ExerciseUnit.close(got, fx.sub(x))) {
                return Verdict.notYet("Check the sign: H(x) = F(x) + x.");
            }
            return Verdict.notYet("H(x) = F(x) + x: call f on x once and add the input.");
        });
    }

    /**
     * Reading the curves: which run of the degradation experiment ends with the highest training error (median over
     * its seeds)? Judged on these results.
     */
    public static Verdict highestTrainingError(ExperimentResults results, String answer) {
        return Answers.highestTrainingError(results, answer,
                labels -> "Answer with one of the run labels: " + String.join(", ", labels) + ".",
                "That run ends highest in this data. A high *training* error is not overfitting "
                        + "(which lowers the training error while the test error rises): that net is harder to optimise.",
                "Read the last point of each curve in the training-error chart (or the summary table's "
                        + "'final train error %' column), not the test error.");
    }

    /** {@link #highestTrainingError(ExperimentResults, String)} with the answer from a method of the answer cell. */
    public static Verdict highestTrainingError(ExperimentResults results, Supplier<String> answer) {
        return Answers.verdict(answer, a -> highestTrainingError(results, a));
    }

    /**
     * Predict, then check: on this target, which block ("plain" or "residual") first gets its relative error below
     * the threshold of {@code stepsToReach} (a table of {@code IdentityFitting.stepsToReach})? Judged on the
     * notebook's own fitting run.
     */
    public static Verdict fasterBlock(Table stepsToReach, String target, String answer) {
        String best = null;
        int fewest = Integer.MAX_VALUE;
        int stepsColumn = 2;
        for (int i = 0; i < stepsToReach.rowCount(); i++) {
            if (!stepsToReach.stringColumn("target").get(i).equals(target)) {
                continue;
            }
            int s = stepsToReach.intColumn(stepsColumn).get(i);
            int effective = s < 0 ? Integer.MAX_VALUE - 1 : s;   // −1: never reached
            if (effective < fewest) {
                fewest = effective;
                best = stepsToReach.stringColumn("block").get(i);
            }
        }
        if (best == null) {
            return Verdict.notYet("This table has no curves for the target '" + target + "'.");
        }
        String a = answer == null ? "" : answer.trim().toLowerCase(Locale.ROOT);
        if (!(a.startsWith("plain") || a.startsWith("residual"))) {
            return Verdict.notYet("Answer \"plain\" or \"residual\".");
        }
        if (best.toLowerCase(Locale.ROOT).startsWith(a.startsWith("plain") ? "plain" : "residual")) {
            return Verdict.right("The block that starts near the target has least to learn.");
        }
        return Verdict.notYet("Compare the two curves of this target at their first steps: which one starts close "
                + "to H, and why?");
    }

    /** {@link #fasterBlock(Table, String, String)} with the answer from a method of the answer cell. */
    public static Verdict fasterBlock(Table stepsToReach, String target, Supplier<String> answer) {
        return Answers.verdict(answer, a -> fasterBlock(stepsToReach, target, a));
    }
}
