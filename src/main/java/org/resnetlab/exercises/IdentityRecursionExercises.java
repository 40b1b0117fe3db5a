package org.resnetlab.exercises;

import ai.djl.ndarray.NDArray;
import org.resnetlab.units.BnAfterAddition;
import org.resnetlab.units.Branch;
import org.resnetlab.units.OriginalUnit;
import org.resnetlab.units.ReluBeforeAddition;
import org.resnetlab.units.ReluOnlyPreActivation;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Checking cells of notebook 02 (the identity recursion x_L = x_l + Σ F, scaled shortcuts, lesions). */
public final class IdentityRecursionExercises {
    private IdentityRecursionExercises() {}

    /**
     * The full pre-activation unit of [2] Fig. 4(e) written from its layers, against the project's
     * {@code full-preact} unit with the same weights (BN on batch statistics, so every BN counts); a wrong answer
     * that matches another ordering of Fig. 4 is named.
     */
    public static Verdict preActivationUnit(UnitFromLayers answer) {
        return ExerciseUnit.check((unit, ps, x) -> {
            UnitLayers layers = ExerciseUnit.layers(unit, ps);
            NDArray expected = unit.forwardParts(ps, x, true).output();
            NDArray got = answer.apply(x, layers);
            String shape = ExerciseUnit.shapeProblem(got, expected);
            if (shape != null) {
                return Verdict.notYet(shape);
            }
            if (ExerciseUnit.close(got, expected)) {
                return Verdict.right("BN → ReLU → conv, twice, then + x with nothing after the addition: "
                        + "[2] Fig. 4(e).");
            }
            for (Map.Entry<String, UnitFromLayers> other : otherOrderings().entrySet()) {
                if (ExerciseUnit.close(got, other.getValue().apply(x, layers))) {
                    return Verdict.notYet("Your unit computes " + other.getKey() + ".");
                }
            }
            return Verdict.notYet("In the branch every conv is preceded by BN and ReLU (pre-activation); the unit's "
                    + "output is x plus the branch.");
        });
    }

    /**
     * Every shortcut of a basic-unit ResNet of this depth scaled by λ: by what factor Π λ is x_0 multiplied in the
     * shortcut term of x_L ([2] eq. 6)? Right within 0.5%; counting layers, off by one, one stage and adding the
     * factors are named.
     */
    public static Verdict productOfLambdas(int depth, double lambda, double answer) {
        if ((depth - 2) % 6 != 0 || depth < 8) {
            throw new IllegalArgumentException("a basic-unit CIFAR depth is 6n+2 (20, 32, 44, 56, 110), not " + depth);
        }
        int units = (depth - 2) / 2;
        double right = Math.pow(lambda, units);
        if (near(answer, right)) {
            return Verdict.right(String.format(Locale.ROOT, "After %d units the shortcut signal is scaled by %.3g: "
                    + "it %s with depth.", units, right, lambda < 1 ? "vanishes" : lambda > 1 ? "explodes" : "stays"));
        }
        if (near(answer, Math.pow(lambda, depth)) || near(answer, Math.pow(lambda, depth - 2))) {
            return Verdict.notYet("You counted weighted layers: a shortcut spans a whole unit of two layers.");
        }
        if (near(answer, Math.pow(lambda, units - 1)) || near(answer, Math.pow(lambda, units + 1))) {
            return Verdict.notYet("Off by one: from x_0 to x_L there is one factor per unit, units 0 … L−1.");
        }
        if (near(answer, Math.pow(lambda, units / 3.0))) {
            return Verdict.notYet("That is one stage; the shortcuts of all three stages multiply.");
        }
        if (near(answer, lambda * units)) {
            return Verdict.notYet("The factors multiply, they do not add.");
        }
        if ((lambda < 1 && answer > 1) || (lambda > 1 && answer < 1)) {
            return Verdict.notYet("A product of factors " + (lambda < 1 ? "below" : "above") + " 1 keeps "
                    + (lambda < 1 ? "shrinking" : "growing") + ".");
        }
        return Verdict.notYet("Count the units of a " + depth + "-layer net (depth = 6n+2, 3 stages of n units) and "
                + "multiply one λ per unit.");
    }

    /** {@link #productOfLambdas(int, double, double)} with the answer from a method of the answer cell. */
    public static Verdict productOfLambdas(int depth, double lambda, Supplier<Double> answer) {
        return Answers.verdict(answer, a -> productOfLambdas(depth, lambda, a.doubleValue()));
    }

    /**
     * Reading the lesion tables (network label → a table of {@code Lesion.study}, first row: nothing deleted): which
     * network's test error rises most when its single most important unit is deleted?
     */
    public static Verdict mostLesionSensitive(Map<String, Table> lesions, String answer) {
        String given = answer == null ? "" : answer.trim();
        if (!lesions.containsKey(given)) {
            return Verdict.notYet("Answer with one of: " + String.join(", ", lesions.keySet()) + ".");
        }
        String worst = null;
        double largest = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Table> e : lesions.entrySet()) {
            double[] errors = e.getValue().numberColumn("test error %").asDoubleArray();
            double rise = Arrays.stream(errors).max().orElse(0) - errors[0];
            if (rise > largest) {
                largest = rise;
                worst = e.getKey();
            }
        }
        if (given.equals(worst)) {
            return Verdict.right("That network's error rises most in this data. In a plain net every later layer "
                    + "depends on the deleted one; with shortcuts, x_L is a sum and the other units' terms remain.");
        }
        return Verdict.notYet("For each network take the largest test error in its lesion table and subtract the "
                + "intact ('none') row.");
    }

    /** {@link #mostLesionSensitive(Map, String)} with the answer from a method of the answer cell. */
    public static Verdict mostLesionSensitive(Map<String, Table> lesions, Supplier<String> answer) {
        return Answers.verdict(answer, a -> mostLesionSensitive(lesions, a));
    }

    /**
     * The other orderings of [2] Fig. 4 computed with the exercise unit's layers, read from the unit classes' own
     * {@link Branch} (so a hint names what a wrong answer really computes), and two common mistakes.
     */
    static Map<String, UnitFromLayers> otherOrderings() {
        Map<String, UnitFromLayers> m = new LinkedHashMap<>();
        m.put("the original unit, Fig. 4(a): move each BN and ReLU before its conv, and drop the ReLU after the "
                + "addition", computes(OriginalUnit.BRANCH));
        m.put("BN after addition, Fig. 4(b): BN and ReLU belong inside the branch, before each conv",
                computes(BnAfterAddition.BRANCH));
        m.put("ReLU before addition, Fig. 4(c): pre-activate each conv instead of post-activating",
                computes(ReluBeforeAddition.BRANCH));
        m.put("ReLU-only pre-activation, Fig. 4(d): the BN goes before the ReLU too",
                computes(ReluOnlyPreActivation.BRANCH));
        m.put("the residual branch alone: add the shortcut x",
                (x, u) -> u.conv2(u.relu(u.bn2(u.conv1(u.relu(u.bn1(x)))))));
        m.put("a pre-activation unit with a ReLU after the addition: nothing may follow the addition, so that "
                + "x_L = x_l + ΣF holds", (x, u) -> u.relu(x.add(u.conv2(u.relu(u.bn2(u.conv1(u.relu(u.bn1(x)))))))));
        return m;
    }

    /**
     * A unit of two weight layers with the given steps, run on the layers {@code u} (conv1, conv2; bn1, bn2 where the
     * branch puts them; a BN after the addition is bn2, which such a branch leaves free): x + F(x), then f.
     */
    static UnitFromLayers computes(Branch branch) {
        return (x, u) -> {
            NDArray f = x;
            for (Branch.Placed p : branch.residual(2)) {
                f = step(p.step(), p.layer(), f, u);
            }
            NDArray y = x.add(f);
            for (Branch.Step s : branch.afterAddition()) {
                y = step(s, 2, y, u);
            }
            return y;
        };
    }

    private static NDArray step(Branch.Step step, int layer, NDArray x, UnitLayers u) {
        return switch (step) {
            case RELU -> u.relu(x);
            case BN -> layer == 1 ? u.bn1(x) : u.bn2(x);
            case WEIGHT -> layer == 1 ? u.conv1(x) : u.conv2(x);
        };
    }

    private static boolean near(double answer, double right) {
        return Math.abs(answer - right) <= 5e-3 * Math.abs(right) + 1e-12;
    }
}
