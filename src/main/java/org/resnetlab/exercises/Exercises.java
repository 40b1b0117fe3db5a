package org.resnetlab.exercises;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.resnetlab.experiments.ExperimentResults;
import org.resnetlab.units.BnAfterAddition;
import org.resnetlab.units.Branch;
import org.resnetlab.units.OriginalUnit;
import org.resnetlab.units.ReluBeforeAddition;
import org.resnetlab.units.ReluOnlyPreActivation;
import org.resnetlab.units.ResidualUnit;
import org.resnetlab.units.ResidualUnits;
import org.resnetlab.units.UnitConfig;
import tech.tablesaw.api.Table;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Checking cells for the notebooks' exercises. Each check prints one line, "✓ …" or "✗ …" with a hint, and returns
 * whether the answer is right. The reference answer is never printed: the student notebook holds the question and
 * the check, the answer lives here.
 */
public final class Exercises {
    private Exercises() {}

    private static PrintStream out = System.out;

    /** Where the verdicts go (System.out unless a test redirects them). */
    public static void printTo(PrintStream stream) {
        out = stream;
    }

    // ---------------------------------------------------------------------------------------------------------
    // 01-residual-mapping

    /** A student's residual block: the output H for input x, given the block's layers as the function F. */
    @FunctionalInterface
    public interface ResidualBlock {
        NDArray apply(NDArray x, Function<NDArray, NDArray> f);
    }

    /**
     * Exercise: write the forward pass of a residual block (the full pre-activation kind, [2] eq. 1–2 with h and f
     * identities) from its residual function F. Checked against the project's {@code full-preact} unit.
     */
    public static boolean checkResidualBlock(ResidualBlock answer) {
        return withUnit((manager, unit, ps, x) -> {
            NDArray expected = unit.forwardParts(ps, x, true).output();
            Function<NDArray, NDArray> f = input -> unit.residual(ps, input, true);
            NDArray got = answer.apply(x, f);
            String shape = shapeProblem(got, expected);
            if (shape != null) {
                return verdict(false, shape);
            }
            if (close(got, expected)) {
                return verdict(true, "your block computes x + F(x): the layers learn only the residual F = H − x.");
            }
            NDArray fx = f.apply(x);
            if (close(got, fx)) {
                return verdict(false, "that is the plain block F(x): where does the input x go?");
            }
            if (close(got, Activation.relu(x.add(fx)))) {
                return verdict(false, "a ReLU after the addition is the original unit's f; in this unit nothing "
                        + "follows the addition, so that x passes through unchanged.");
            }
            if (close(got, x.sub(fx)) || close(got, fx.sub(x))) {
                return verdict(false, "check the sign: H(x) = F(x) + x.");
            }
            return verdict(false, "H(x) = F(x) + x: call f on x once and add the input.");
        });
    }

    /**
     * Exercise ("explain a curve"): which run of the degradation experiment ends with the highest training error?
     * Checked against the runs shown in the notebook.
     */
    public static boolean checkHighestTrainingError(ExperimentResults results, String answer) {
        var labels = results.medianFinalTrainErrorByLabel().keySet();
        String worst = results.highestMedianFinalTrainError();
        if (!labels.contains(answer == null ? "" : answer.trim())) {
            return verdict(false, "answer with one of the run labels: " + String.join(", ", labels));
        }
        if (answer.trim().equals(worst)) {
            return verdict(true, "that run ends highest in this data. A high *training* error is not overfitting "
                    + "(which lowers the training error while the test error rises): that net is harder to optimise.");
        }
        return verdict(false, "read the last point of each curve in the training-error chart (or the summary table's "
                + "'final train error %' column), not the test error.");
    }

    /** {@link #checkHighestTrainingError(ExperimentResults, String)} with the answer from a method of the answer cell. */
    public static boolean checkHighestTrainingError(ExperimentResults results, Supplier<String> answer) {
        return answered(answer, a -> checkHighestTrainingError(results, a));
    }

    /**
     * Exercise: on the near-identity target, which block (its label in the fitting table) first gets its relative
     * error below the threshold of {@code stepsToReach}? Checked against the notebook's own fitting run.
     */
    public static boolean checkFasterBlock(Table stepsToReach, String target, String answer) {
        String best = null;
        int fewest = Integer.MAX_VALUE;
        int stepsColumn = 2;
        for (int i = 0; i < stepsToReach.rowCount(); i++) {
            if (!stepsToReach.stringColumn("target").get(i).equals(target)) {
                continue;
            }
            int s = stepsToReach.intColumn(stepsColumn).get(i);
            int effective = s < 0 ? Integer.MAX_VALUE - 1 : s;
            if (effective < fewest) {
                fewest = effective;
                best = stepsToReach.stringColumn("block").get(i);
            }
        }
        if (best == null) {
            return verdict(false, "no curves for target '" + target + "' in this table");
        }
        String a = answer == null ? "" : answer.trim().toLowerCase(Locale.ROOT);
        if (a.isEmpty() || !(a.startsWith("plain") || a.startsWith("residual"))) {
            return verdict(false, "answer \"plain\" or \"residual\"");
        }
        if (best.toLowerCase(Locale.ROOT).startsWith(a.startsWith("plain") ? "plain" : "residual")) {
            return verdict(true, "the block that starts near the target has least to learn.");
        }
        return verdict(false, "compare the two curves of this target at their first steps: which one starts close "
                + "to H, and why?");
    }

    /** {@link #checkFasterBlock(Table, String, String)} with the answer from a method of the answer cell. */
    public static boolean checkFasterBlock(Table stepsToReach, String target, Supplier<String> answer) {
        return answered(answer, a -> checkFasterBlock(stepsToReach, target, a));
    }

    // ---------------------------------------------------------------------------------------------------------
    // 02-identity-recursion

    /** The layers of one unit's residual branch, in the order they were created: BN, conv, BN, conv. */
    public interface UnitLayers {
        NDArray bn1(NDArray x);

        NDArray conv1(NDArray x);

        NDArray bn2(NDArray x);

        NDArray conv2(NDArray x);

        default NDArray relu(NDArray x) {
            return Activation.relu(x);
        }
    }

    /** A student's unit: its output for x, using the given layers. */
    @FunctionalInterface
    public interface UnitAnswer {
        NDArray apply(NDArray x, UnitLayers layers);
    }

    /**
     * Exercise: implement the full pre-activation unit of [2] Fig. 4(e) from its layers. Checked against the
     * project's {@code FullPreActivation} class with the same weights (BN on batch statistics, so every BN counts);
     * a wrong answer that matches another ordering of Fig. 4 is named.
     */
    public static boolean checkPreActivationUnit(UnitAnswer answer) {
        return withUnit((manager, unit, ps, x) -> {
            UnitLayers layers = layersOf(unit, ps);
            NDArray expected = unit.forwardParts(ps, x, true).output();
            NDArray got = answer.apply(x, layers);
            String shape = shapeProblem(got, expected);
            if (shape != null) {
                return verdict(false, shape);
            }
            if (close(got, expected)) {
                return verdict(true, "BN → ReLU → conv, twice, then + x with nothing after the addition: "
                        + "[2] Fig. 4(e).");
            }
            for (Map.Entry<String, UnitAnswer> other : otherOrderings().entrySet()) {
                if (close(got, other.getValue().apply(x, layers))) {
                    return verdict(false, "your unit computes " + other.getKey() + ".");
                }
            }
            return verdict(false, "in the branch every conv is preceded by BN and ReLU (pre-activation); the "
                    + "unit's output is x plus the branch.");
        });
    }

    /**
     * Exercise: every shortcut of a basic-unit ResNet of this depth scaled by λ. By what factor Π λ is x_0 multiplied
     * in the shortcut term of x_L ([2] eq. 6)?
     */
    public static boolean checkProductOfLambdas(int depth, double lambda, double answer) {
        if ((depth - 2) % 6 != 0 || depth < 8) {
            return verdict(false, "use a basic-unit CIFAR depth 6n+2 (20, 32, 44, 56, 110)");
        }
        int units = (depth - 2) / 2;
        double right = Math.pow(lambda, units);
        if (near(answer, right)) {
            return verdict(true, String.format(Locale.ROOT, "after %d units the shortcut signal is scaled by "
                    + "%.3g: it %s with depth.", units, right, lambda < 1 ? "vanishes" : lambda > 1 ? "explodes" : "stays"));
        }
        if (near(answer, Math.pow(lambda, depth)) || near(answer, Math.pow(lambda, depth - 2))) {
            return verdict(false, "you counted weighted layers: a shortcut spans a whole unit of two layers.");
        }
        if (near(answer, Math.pow(lambda, units - 1)) || near(answer, Math.pow(lambda, units + 1))) {
            return verdict(false, "off by one: from x_0 to x_L there is one factor per unit, units 0 … L−1.");
        }
        if (near(answer, Math.pow(lambda, units / 3.0))) {
            return verdict(false, "that is one stage; the shortcuts of all three stages multiply.");
        }
        if (near(answer, lambda * units)) {
            return verdict(false, "the factors multiply, they do not add.");
        }
        if ((lambda < 1 && answer > 1) || (lambda > 1 && answer < 1)) {
            return verdict(false, "a product of factors " + (lambda < 1 ? "below" : "above") + " 1 keeps "
                    + (lambda < 1 ? "shrinking" : "growing") + ".");
        }
        return verdict(false, "count the units of a " + depth + "-layer net (depth = 6n+2, 3 stages of n units) and "
                + "multiply one λ per unit.");
    }

    /** {@link #checkProductOfLambdas(int, double, double)} with the answer from a method of the answer cell. */
    public static boolean checkProductOfLambdas(int depth, double lambda, Supplier<Double> answer) {
        return answered(answer, a -> checkProductOfLambdas(depth, lambda, a.doubleValue()));
    }

    /**
     * Exercise: in the lesion study, which network's test error rises most when its single most important unit is
     * deleted? Checked against the notebook's lesion tables (network label → table of {@code Lesion.study}).
     */
    public static boolean checkLesion(Map<String, Table> lesions, String answer) {
        String worst = null;
        double largest = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Table> e : lesions.entrySet()) {
            Table t = e.getValue();
            double[] errors = t.numberColumn("test error %").asDoubleArray(); // row 0: nothing deleted
            double rise = java.util.Arrays.stream(errors).max().orElse(0) - errors[0];
            if (rise > largest) {
                largest = rise;
                worst = e.getKey();
            }
        }
        if (answer == null || !lesions.containsKey(answer.trim())) {
            return verdict(false, "answer with one of: " + String.join(", ", lesions.keySet()));
        }
        if (answer.trim().equals(worst)) {
            return verdict(true, "that network's error rises most in this data. In a plain net every later layer "
                    + "depends on the deleted one; with shortcuts, x_L is a sum and the other units' terms remain.");
        }
        return verdict(false, "for each network take the largest test error in its lesion table and subtract the "
                + "intact ('none') row.");
    }

    /** {@link #checkLesion(Map, String)} with the answer from a method of the answer cell. */
    public static boolean checkLesion(Map<String, Table> lesions, Supplier<String> answer) {
        return answered(answer, a -> checkLesion(lesions, a));
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The other orderings of [2] Fig. 4 (and two common slips), written with the same layers. */
    /**
     * The other orderings of [2] Fig. 4 computed with the exercise unit's layers, read from the unit classes' own
     * {@link Branch} (so a hint names what a wrong answer really computes), and two common mistakes.
     */
    static Map<String, UnitAnswer> otherOrderings() {
        Map<String, UnitAnswer> m = new LinkedHashMap<>();
        m.put("the original unit, Fig. 4(a): move each BN and ReLU before its conv, and drop the ReLU after the "
                + "addition", computes(OriginalUnit.BRANCH));
        m.put("BN after addition, Fig. 4(b): BN and ReLU belong inside the branch, before each conv",
                computes(BnAfterAddition.BRANCH));
        m.put("ReLU before addition, Fig. 4(c): pre-activate each conv instead of post-activating",
                computes(ReluBeforeAddition.BRANCH));
        m.put("ReLU-only pre-activation, Fig. 4(d): the BN goes before the ReLU too", computes(ReluOnlyPreActivation.BRANCH));
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
    static UnitAnswer computes(Branch branch) {
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

    private static UnitLayers layersOf(ResidualUnit unit, ParameterStore ps) {
        Block bn1 = child(unit, "bn1");
        Block conv1 = child(unit, "conv1");
        Block bn2 = child(unit, "bn2");
        Block conv2 = child(unit, "conv2");
        return new UnitLayers() {
            public NDArray bn1(NDArray x) { return run(bn1, ps, x); }
            public NDArray conv1(NDArray x) { return run(conv1, ps, x); }
            public NDArray bn2(NDArray x) { return run(bn2, ps, x); }
            public NDArray conv2(NDArray x) { return run(conv2, ps, x); }
        };
    }

    /** A child block by the name it was added under (DJL prefixes it with its position, "01bn1"). */
    private static Block child(Block parent, String name) {
        for (var entry : parent.getChildren()) {
            if (entry.getKey().replaceFirst("^\\d+", "").equals(name)) {
                return entry.getValue();
            }
        }
        throw new IllegalStateException(parent + " has no layer named " + name);
    }

    private static NDArray run(Block block, ParameterStore ps, NDArray x) {
        return block.forward(ps, new NDList(x), true).singletonOrThrow();
    }

    private interface UnitCheck {
        boolean check(NDManager manager, ResidualUnit unit, ParameterStore ps, NDArray x);
    }

    /** Runs a check on a fresh full pre-activation unit (4 → 4 channels) and a random batch, BN in training mode. */
    private static boolean withUnit(UnitCheck check) {
        Engine engine = Engine.getInstance();
        try (NDManager manager = NDManager.newBaseManager(engine.getEngineName())) {
            engine.setRandomSeed(11);
            Shape shape = new Shape(4, 4, 6, 6);
            ResidualUnit unit = ResidualUnits.of("full-preact").create(UnitConfig.basic(4, 4, 1));
            unit.initialize(manager, DataType.FLOAT32, shape);
            NDArray x = manager.randomNormal(shape);
            ParameterStore ps = new ParameterStore(manager, false);
            // MXNet runs batch-statistics BN only while recording
            try (GradientCollector ignored = engine.newGradientCollector()) {
                return check.check(manager, unit, ps, x);
            }
        } catch (RuntimeException e) {
            return verdict(false, Answers.threw(e));
        }
    }

    private static String shapeProblem(NDArray got, NDArray expected) {
        if (got == null) {
            return "your code returned null";
        }
        if (!got.getShape().equals(expected.getShape())) {
            return "the output has shape " + got.getShape() + ", the unit's input and output have " + expected.getShape();
        }
        return null;
    }

    private static boolean close(NDArray a, NDArray b) {
        return a.getShape().equals(b.getShape()) && a.allClose(b, 1e-4, 1e-5, false);
    }

    private static boolean near(double answer, double right) {
        return Math.abs(answer - right) <= 5e-3 * Math.abs(right) + 1e-12;
    }

    private static boolean verdict(boolean right, String message) {
        String line = (right ? "✓ right: " : "✗ not yet: ") + message;
        out.println(line);
        if (!right && Grading.on()) {
            throw new Grading.NotYet(line);
        }
        return right;
    }

    /** Evaluates an answer method ({@code () -> myAnswer()}) and checks it; an exception or null is "not yet". */
    private static <T> boolean answered(Supplier<T> answer, Predicate<T> check) {
        T value;
        try {
            value = answer.get();
        } catch (RuntimeException e) {
            return verdict(false, Answers.threw(e));
        }
        if (value == null) {
            return verdict(false, "your answer is null.");
        }
        return check.test(value);
    }
}
