package org.resnetlab.exercises;

import org.resnetlab.experiments.Experiments;
import org.resnetlab.experiments.ExperimentResults;
import org.resnetlab.train.PaperResults;
import org.resnetlab.train.RunResult;
import org.resnetlab.units.ResidualUnits;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Checking cells of notebook 03 (the shortcut variants of [2] Fig. 2 and Table 1). */
public final class ShortcutVariantExercises {
    private ShortcutVariantExercises() {}

    /** The variants notebook 03 trains, by canonical name (the runs' labels). */
    public static List<String> variants() {
        return Experiments.shortcutVariants(Experiments.Mode.QUICK, java.nio.file.Path.of("unused")).runs().stream()
                .map(r -> ResidualUnits.of(r.config().model().unit()).name()).distinct().toList();
    }

    /** Which of {@link #variants()} does [2] Table 1 report as "fail" (test error above 20%) on ResNet-110? */
    public static Verdict predictFailures(String... variantNames) {
        Set<String> given = new LinkedHashSet<>();
        for (String name : variantNames) {
            String canonical;
            try {
                canonical = ResidualUnits.of(name).name();
            } catch (IllegalArgumentException e) {
                return Verdict.notYet("'" + name + "' is not a unit name; use the run labels of the table above.");
            }
            if (!variants().contains(canonical)) {
                return Verdict.notYet("'" + name + "' is not one of the variants trained here: " + variants());
            }
            given.add(canonical);
        }
        Set<String> expected = new LinkedHashSet<>();
        for (PaperResults.Entry e : PaperResults.ALL) {
            if (e.table().equals("[2] Table 1") && e.error() == null && variants().contains(e.unit())) {
                expected.add(e.unit());
            }
        }
        return PreActivationExercises.compareSets(given, expected, "Ask of each variant: how far below 1 is its "
                + "shortcut factor when training starts, is the branch scaled down with it, and what does a random mask "
                + "do to the product of the factors over 54 units?");
    }

    /** {@link #predictFailures(String...)} with the answer from a method of the answer cell. */
    public static Verdict predictFailures(Supplier<List<String>> answer) {
        return Answers.verdict(answer, a -> predictFailures(a.toArray(String[]::new)));
    }

    /**
     * With h(x) = λx on every shortcut, x_L = (Π λ) x_l + Σ F̂ ([2] eq. 6): what factor multiplies x_l after
     * {@code units} units? Right within 1% (relative).
     */
    public static Verdict shortcutFactor(int units, double lambda, double answer) {
        double expected = Math.pow(lambda, units);
        if (Math.abs(answer - expected) <= 0.01 * Math.abs(expected)) {
            return Verdict.right("So a constant λ = " + lambda + " leaves about 10^" + Math.round(Math.log10(expected))
                    + " of x_l: the shortcut no longer carries the signal, and its gradient shrinks the same way.");
        }
        if (Math.abs(answer - lambda * units) < 1e-9) {
            return Verdict.notYet("Each unit multiplies what reaches it by λ; the factors compound, they do not add up.");
        }
        for (int off : new int[] {-1, 1}) {
            if (Math.abs(answer - Math.pow(lambda, units + off)) <= 0.01 * Math.pow(lambda, units + off)) {
                return Verdict.notYet("Almost: count the units between x_l and x_L again (one factor per unit).");
            }
        }
        return Verdict.notYet("Write x_{l+1} = λ x_l + F̂(x_l) for one unit, apply it twice, then " + units + " times, "
                + "and look at the coefficient of x_l.");
    }

    /** {@link #shortcutFactor(int, double, double)} with the answer from a method of the answer cell. */
    public static Verdict shortcutFactor(int units, double lambda, Supplier<Double> answer) {
        return Answers.verdict(answer, a -> shortcutFactor(units, lambda, a.doubleValue()));
    }

    /**
     * Reading the results: which run label ends with the highest training error (median over its seeds; a diverged
     * seed counts as the highest)? Judged on these results.
     */
    public static Verdict highestFinalTrainingError(ExperimentResults results, String label) {
        return Answers.highestTrainingError(results, label,
                labels -> "'" + label + "' is not a run label of these results; copy it from the 'run' "
                        + "column of the table.",
                "Judged on these runs (median over seeds). Compare it with [2] Fig. 3: do the paper's "
                        + "curves rank the same variant last?",
                "Read the last point of each curve in the training-error chart, or the 'ours: final "
                        + "train error %' column (the median over seeds); a diverged run counts as the highest.");
    }

    /** {@link #highestFinalTrainingError(ExperimentResults, String)} with the answer from a method of the answer cell. */
    public static Verdict highestFinalTrainingError(ExperimentResults results, Supplier<String> answer) {
        return Answers.verdict(answer, a -> highestFinalTrainingError(results, a));
    }
}
