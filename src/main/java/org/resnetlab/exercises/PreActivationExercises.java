package org.resnetlab.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.resnetlab.models.Forward;
import org.resnetlab.units.Layers;
import org.resnetlab.units.ResidualUnit;
import org.resnetlab.units.ResidualUnits;
import org.resnetlab.units.UnitConfig;
import org.resnetlab.view.UnitDiagram;
import org.resnetlab.view.UnitDiagrams;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Checking cells of notebook 04 (the orderings of [2] Fig. 4). */
public final class PreActivationExercises {
    private PreActivationExercises() {}

    private static final List<String> LETTERS = List.of("a", "b", "c", "d", "e");
    private static final Shape INPUT = new Shape(4, 4, 6, 6);
    private static final float TOLERANCE = 1e-4f;

    private static final Map<String, String> HINTS = Map.of(
            "original", "Read the diagram of (a) from x_l down: which layers does the branch end with, and what "
                    + "happens to the sum?",
            "bn-after-addition", "Start from (a): one BN of the branch has moved. Which side of the addition is it "
                    + "on now, and does the ReLU stay where it was?",
            "relu-before-addition", "Start from (a): one ReLU has moved. After the change, is anything left after "
                    + "the addition?",
            "relu-only-preact", "In (d) every weight layer is preceded by an activation; BN still follows each "
                    + "weight. Where does the first ReLU act?",
            "full-preact", "In (e) BN and ReLU come before each weight layer, and the sum is the unit's output.");

    /**
     * Does the student's recipe compute the named ordering ((a)–(e), by unit name)? It is run on the same input as
     * a freshly initialised unit of each ordering, with that unit's own convolutions, in training mode.
     */
    public static Verdict implement(String unit, UnitRecipe recipe) {
        String target = ResidualUnits.of(unit).name();
        if (!UnitDiagrams.ORDERINGS.contains(target)) {
            throw new IllegalArgumentException("'" + unit + "' is not one of the orderings " + UnitDiagrams.ORDERINGS);
        }
        List<String> matches = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String ordering : UnitDiagrams.ORDERINGS) {
                if (computesLike(manager, ordering, recipe)) {
                    matches.add(ordering);
                }
            }
        } catch (UnsupportedOperationException e) {
            return Verdict.notYet(Answers.capitalised(Answers.threw(e)));
        } catch (RuntimeException e) {
            return Verdict.notYet("Your recipe stopped with " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + ". Use only ops.conv1, ops.conv2, ops.bn, ops.relu and x.add(...).");
        }
        String wanted = UnitDiagrams.of(target).caption();
        if (matches.contains(target)) {
            return Verdict.right("Your recipe computes " + wanted + " exactly, on random inputs, with the unit's own "
                    + "weights.");
        }
        if (!matches.isEmpty()) {
            return Verdict.notYet("Your recipe computes " + UnitDiagrams.of(matches.get(0)).caption() + ", not "
                    + wanted + ". " + HINTS.get(target));
        }
        return Verdict.notYet("Your recipe computes none of the orderings (a)–(e). " + HINTS.get(target));
    }

    /** True when the recipe reproduces a fresh unit of this ordering on two random inputs. */
    static boolean computesLike(NDManager parent, String ordering, UnitRecipe recipe) {
        try (NDManager manager = parent.newSubManager()) {
            ResidualUnit unit = ResidualUnits.of(ordering).create(UnitConfig.basic(4, 4, 1));
            unit.initialize(manager, DataType.FLOAT32, INPUT);
            UnitOps ops = ops(unit, manager);
            for (int trial = 0; trial < 2; trial++) {
                NDArray x = manager.randomNormal(INPUT);
                NDArray expected = Forward.run(unit, x, true);
                NDArray actual;
                // MXNet computes batch statistics only while recording, as in Forward.run
                try (GradientCollector ignored = manager.getEngine().newGradientCollector()) {
                    actual = recipe.forward(ops, x);
                }
                if (actual == null || !actual.getShape().equals(expected.getShape())
                        || actual.sub(expected).abs().max().getFloat() > TOLERANCE) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The student's layers, bound to one unit's convolutions; BN is a fresh layer as at initialisation. */
    static UnitOps ops(ResidualUnit unit, NDManager manager) {
        ParameterStore ps = new ParameterStore(manager, false);
        Block conv1 = ExerciseUnit.child(unit, "conv1");
        Block conv2 = ExerciseUnit.child(unit, "conv2");
        return new UnitOps() {
            @Override
            public NDArray conv1(NDArray a) {
                return conv1.forward(ps, new NDList(a), true).singletonOrThrow();
            }

            @Override
            public NDArray conv2(NDArray a) {
                return conv2.forward(ps, new NDList(a), true).singletonOrThrow();
            }

            @Override
            public NDArray bn(NDArray a) {
                BatchNorm bn = Layers.batchNorm();
                bn.initialize(manager, DataType.FLOAT32, a.getShape());
                return bn.forward(ps, new NDList(a), true).singletonOrThrow();
            }

            @Override
            public NDArray relu(NDArray a) {
                return Activation.relu(a);
            }
        };
    }

    /**
     * Which orderings let x_l reach x_{l+1} untouched, nothing on the shortcut and nothing after the addition?
     * Letters "a"–"e" (or "(c)", any case).
     */
    public static Verdict clearShortcutPath(String... letters) {
        Set<String> given;
        try {
            given = letters(letters);
        } catch (IllegalArgumentException e) {
            return Verdict.notYet(e.getMessage());
        }
        Set<String> expected = new LinkedHashSet<>();
        for (int i = 0; i < LETTERS.size(); i++) {
            if (UnitDiagrams.of(UnitDiagrams.ORDERINGS.get(i)).isClearPath()) {
                expected.add(LETTERS.get(i));
            }
        }
        return compareSets(given, expected,
                "For each diagram follow the line from x_l through ⊕ to x_l+1: does any box sit on it?");
    }

    /** {@link #clearShortcutPath(String...)} with the answer from a method of the answer cell. */
    public static Verdict clearShortcutPath(Supplier<List<String>> answer) {
        return Answers.verdict(answer, a -> clearShortcutPath(a.toArray(String[]::new)));
    }

    /** Which ordering's residual function can only add, never subtract (F(x) ≥ 0 for every x)? One letter. */
    public static Verdict nonNegativeResidual(String letter) {
        Set<String> given;
        try {
            given = letters(letter);
        } catch (IllegalArgumentException e) {
            return Verdict.notYet(e.getMessage());
        }
        Set<String> expected = new LinkedHashSet<>();
        for (int i = 0; i < LETTERS.size(); i++) {
            List<UnitDiagram.Op> branch = UnitDiagrams.of(UnitDiagrams.ORDERINGS.get(i)).residual();
            if (branch.get(branch.size() - 1).kind() == UnitDiagram.Kind.RELU) {
                expected.add(LETTERS.get(i));
            }
        }
        return compareSets(given, expected, "Look at the last box of each branch, just before ⊕: which "
                + "layer's output is never negative?");
    }

    /** {@link #nonNegativeResidual(String)} with the answer from a method of the answer cell. */
    public static Verdict nonNegativeResidual(Supplier<String> answer) {
        return Answers.verdict(answer, a -> nonNegativeResidual(a));
    }

    static Set<String> letters(String... answers) {
        Set<String> out = new LinkedHashSet<>();
        for (String a : answers) {
            String letter = a == null ? "" : a.trim().toLowerCase(Locale.ROOT).replace("(", "").replace(")", "");
            if (!LETTERS.contains(letter)) {
                throw new IllegalArgumentException("answer with the letters a–e of [2] Fig. 4, got '" + a + "'");
            }
            out.add(letter);
        }
        return out;
    }

    /** Right when equal; otherwise how many are right, missing and extra (never which). */
    static Verdict compareSets(Set<String> given, Set<String> expected, String hint) {
        if (given.equals(expected)) {
            return Verdict.right("That is the set.");
        }
        long correct = given.stream().filter(expected::contains).count();
        long extra = given.size() - correct;
        long missing = expected.size() - correct;
        return Verdict.notYet(correct + " of your " + given.size() + " choice(s) are right, " + extra
                + " should not be there, " + missing + " missing. " + hint);
    }
}
