package org.resnetlab.exercises;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.resnetlab.units.ResidualUnit;
import org.resnetlab.units.ResidualUnits;
import org.resnetlab.units.UnitConfig;

/**
 * The unit the hand-written blocks of notebooks 01 and 02 are checked on: a fresh full pre-activation unit
 * (4 → 4 channels) and a random batch, BN in training mode (batch statistics, so every BN counts).
 */
final class ExerciseUnit {
    private ExerciseUnit() {}

    interface Check {
        Verdict check(ResidualUnit unit, ParameterStore ps, NDArray x);
    }

    /** Runs the check on the unit; whatever the student's code throws becomes a "not yet". */
    static Verdict check(Check check) {
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
                return check.check(unit, ps, x);
            }
        } catch (RuntimeException e) {
            return Verdict.notYet(Answers.capitalised(Answers.threw(e)));
        }
    }

    /** The unit's own layers, by the names it gave them. */
    static UnitLayers layers(ResidualUnit unit, ParameterStore ps) {
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

    /** A child block by the name it was added under (DJL keeps the order by prefixing "01", "02", …). */
    static Block child(Block parent, String name) {
        for (var entry : parent.getChildren()) {
            if (entry.getKey().replaceFirst("^\\d+", "").equals(name)) {
                return entry.getValue();
            }
        }
        throw new IllegalStateException(parent + " has no layer named " + name);
    }

    static NDArray run(Block block, ParameterStore ps, NDArray x) {
        return block.forward(ps, new NDList(x), true).singletonOrThrow();
    }

    /** Why the output cannot be compared (null, wrong shape), or null when it can. */
    static String shapeProblem(NDArray got, NDArray expected) {
        if (got == null) {
            return "Your code returned null.";
        }
        if (!got.getShape().equals(expected.getShape())) {
            return "The output has shape " + got.getShape() + "; the unit's input and output have "
                    + expected.getShape() + ".";
        }
        return null;
    }

    static boolean close(NDArray a, NDArray b) {
        return a.getShape().equals(b.getShape()) && a.allClose(b, 1e-4, 1e-5, false);
    }
}
