package org.resnetlab.experiments;

import org.resnetlab.format.Significant;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.resnetlab.train.MomentumSgd;
import org.resnetlab.units.ResidualUnit;
import org.resnetlab.units.ResidualUnits;
import org.resnetlab.units.UnitConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why learn F(x) = H(x) − x ([1] §3.1)? One full pre-activation unit (BN-ReLU-conv-BN-ReLU-conv) is trained to
 * reproduce a target H, once as a <em>plain block</em> (output F(x), the layers alone) and once as a <em>residual
 * block</em> (output x + F(x), the same layers with the same initial weights). Targets:
 * <ul>
 *   <li>near identity: H(x) = x + ε·T(x), with T a fixed random 3×3 convolution scaled so ‖T(x)‖ ≈ ‖x‖;</li>
 *   <li>far from identity: H(x) = T(x).</li>
 * </ul>
 * Each step draws a fresh batch x ~ N(0, 1), computes the relative error ‖out − H(x)‖² / ‖H(x)‖² and takes one SGD
 * step (momentum 0.9, the paper's optimiser) on the weights of F. Every step also records ‖∂E/∂W‖ and
 * ‖W_t − W_0‖ / ‖W_0‖ of F's two convolutions: the seed question "are the weights inside a residual block updated?"
 * answered with numbers. Nothing about the shortcut is learned: it has no parameters.
 */
public final class IdentityFitting {
    private IdentityFitting() {}

    /** What to fit and how long. */
    public record Setup(int channels, int size, int batch, int steps, float learningRate, float epsilon, long seed) {
        /** 16 channels of 8×8 maps, batch 32, lr 0.02, ε = 0.1. */
        public static Setup of(int steps) {
            return new Setup(16, 8, 32, steps, 0.02f, 0.1f, 7);
        }
    }

    /** The two targets: near identity (x + ε·T(x)) and far from identity (T(x)). */
    public enum Target {
        NEAR_IDENTITY("near identity: H(x) = x + εT(x)"),
        FAR_FROM_IDENTITY("far from identity: H(x) = T(x)");

        private final String label;

        Target(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The two ways the same layers are wired. */
    public enum Wiring {
        PLAIN("plain: F(x)"), RESIDUAL("residual: x + F(x)");

        private final String label;

        Wiring(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * Trains plain and residual blocks on both targets.
     *
     * @return one row per step and (target, wiring): columns target, block, step (0 = before any update),
     *         relative error, gradient norm (‖∂E/∂W‖ over both convs of F at that step), weight change
     *         (‖W_t − W_0‖ / ‖W_0‖ over both convs)
     */
    public static Table run(Setup setup) {
        StringColumn target = StringColumn.create("target");
        StringColumn block = StringColumn.create("block");
        IntColumn step = IntColumn.create("step");
        DoubleColumn error = DoubleColumn.create("relative error");
        DoubleColumn gradient = DoubleColumn.create("gradient norm");
        DoubleColumn change = DoubleColumn.create("weight change");
        for (Target t : Target.values()) {
            for (Wiring w : Wiring.values()) {
                for (double[] row : fit(setup, t, w)) {
                    target.append(t.label());
                    block.append(w.label());
                    step.append((int) row[0]);
                    error.append(row[1]);
                    gradient.append(row[2]);
                    change.append(row[3]);
                }
            }
        }
        return Table.create("fitting H with the same layers, plain vs residual", target, block, step, error,
                gradient, change);
    }

    /** The first step at which each (target, block) curve gets below {@code threshold} (−1: never). */
    public static Table stepsToReach(Table curves, double threshold) {
        Map<String, Integer> first = new LinkedHashMap<>();
        for (int i = 0; i < curves.rowCount(); i++) {
            String key = curves.stringColumn("target").get(i) + "\u0000" + curves.stringColumn("block").get(i);
            first.putIfAbsent(key, -1);
            if (first.get(key) < 0 && curves.doubleColumn("relative error").get(i) < threshold) {
                first.put(key, curves.intColumn("step").get(i));
            }
        }
        StringColumn target = StringColumn.create("target");
        StringColumn block = StringColumn.create("block");
        IntColumn steps = IntColumn.create("first step with relative error < " + threshold + " (−1: never)");
        DoubleColumn last = DoubleColumn.create("final relative error");
        for (var e : first.entrySet()) {
            String[] parts = e.getKey().split("\u0000");
            target.append(parts[0]);
            block.append(parts[1]);
            steps.append(e.getValue());
            Table curve = curves.where(curves.stringColumn("target").isEqualTo(parts[0])
                    .and(curves.stringColumn("block").isEqualTo(parts[1])));
            last.append(curve.doubleColumn("relative error").get(curve.rowCount() - 1));
        }
        return Significant.digits(Table.create("how fast each block gets there", target, block, steps, last), 3);
    }

    /** Rows {step, relative error, gradient norm, weight change, ‖W_0‖}, steps 0 … setup.steps(). */
    static List<double[]> fit(Setup setup, Target target, Wiring wiring) {
        Engine engine = Engine.getInstance();
        List<double[]> rows = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(setup.batch(), setup.channels(), setup.size(), setup.size());
            // the same seed gives the plain and the residual block identical initial weights and batches
            engine.setRandomSeed((int) setup.seed());
            ResidualUnit unit = unit(setup.channels(), false);
            unit.initialize(manager, DataType.FLOAT32, shape);
            NDArray targetKernel = manager.randomNormal(0f, (float) Math.sqrt(1.0 / (9 * setup.channels())),
                    new Shape(setup.channels(), setup.channels(), 3, 3), DataType.FLOAT32);
            List<Parameter> weights = new ArrayList<>();
            List<NDArray> initial = new ArrayList<>();
            for (Parameter p : unit.getParameters().values()) {
                if (p.requiresGradient()) {
                    p.getArray().setRequiresGradient(true);
                }
                if (p.getType() == Parameter.Type.WEIGHT) {
                    weights.add(p);
                    initial.add(p.getArray().duplicate());
                }
            }
            double initialNorm = norm(initial);
            MomentumSgd sgd = MomentumSgd.builder().momentum(0.9f).learningRate(setup.learningRate()).build();
            ParameterStore ps = new ParameterStore(manager, false);
            for (int s = 0; s <= setup.steps(); s++) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = scope.randomNormal(shape);
                    NDArray t = Conv2d.conv2d(x, targetKernel, null, new Shape(1, 1), new Shape(1, 1))
                            .singletonOrThrow();
                    NDArray h = target == Target.NEAR_IDENTITY ? x.add(t.mul(setup.epsilon())) : t;
                    double relativeError;
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray out = wiring == Wiring.RESIDUAL
                                ? unit.forwardParts(ps, x, true).output()
                                : unit.residual(ps, x, true);
                        NDArray loss = out.sub(h).square().sum().div(h.square().sum());
                        relativeError = loss.getFloat();
                        collector.backward(loss);
                    }
                    double gradientNorm = 0;
                    for (Parameter p : weights) {
                        try (NDArray g = p.getArray().getGradient()) {
                            gradientNorm += sumOfSquares(g);
                        }
                    }
                    double moved = 0;
                    for (int i = 0; i < weights.size(); i++) {
                        try (NDArray d = weights.get(i).getArray().sub(initial.get(i))) {
                            moved += sumOfSquares(d);
                        }
                    }
                    rows.add(new double[] {s, relativeError, Math.sqrt(gradientNorm), Math.sqrt(moved) / initialNorm,
                            initialNorm});
                    if (s < setup.steps()) {
                        for (Parameter p : unit.getParameters().values()) {
                            if (p.requiresGradient()) {
                                try (NDArray g = p.getArray().getGradient()) {
                                    sgd.update(p.getId(), p.getArray(), g);
                                    g.subi(g); // PyTorch accumulates gradients across backward passes
                                }
                            }
                        }
                    }
                }
            }
        }
        return rows;
    }

    /**
     * The seed question "is a residual unit the identity?" at initialisation: max |out − x| and ‖out − x‖ / ‖x‖
     * for the plain block F(x), the residual block x + F(x), and the residual block whose last BN starts with γ = 0
     * (zero-init, {@code ModelSpec.zeroInitLastBn}). Only the last is exactly the identity.
     */
    public static Table distanceFromIdentityAtInit(int channels, int size, long seed) {
        StringColumn block = StringColumn.create("block");
        DoubleColumn maxAbs = DoubleColumn.create("max |out − x|");
        DoubleColumn relative = DoubleColumn.create("‖out − x‖ / ‖x‖");
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(8, channels, size, size);
            Engine.getInstance().setRandomSeed((int) seed);
            NDArray x = manager.randomNormal(shape);
            ParameterStore ps = new ParameterStore(manager, false);
            for (int i = 0; i < 3; i++) {
                ResidualUnit unit = unit(channels, i == 2);
                unit.initialize(manager, DataType.FLOAT32, shape);
                NDArray out = i == 0 ? unit.residual(ps, x, false) : unit.forwardParts(ps, x, false).output();
                try (NDArray d = out.sub(x); NDArray abs = d.abs(); NDArray max = abs.max()) {
                    block.append(i == 0 ? "plain: F(x)" : i == 1 ? "residual: x + F(x)" : "residual, zero-init: x + F(x)");
                    maxAbs.append(max.getFloat());
                    relative.append(Math.sqrt(sumOfSquares(d) / sumOfSquares(x)));
                }
            }
        }
        return Significant.digits(Table.create("distance from the identity at initialisation", block, maxAbs, relative), 3);
    }

    /** The block both wirings share: a full pre-activation unit, C → C channels, stride 1. */
    static ResidualUnit unit(int channels, boolean zeroInit) {
        return ResidualUnits.of("full-preact").create(UnitConfig.basic(channels, channels, 1).withZeroInitLastBn(zeroInit));
    }

    private static double sumOfSquares(NDArray a) {
        try (NDArray sq = a.square(); NDArray sum = sq.sum()) {
            return sum.getFloat();
        }
    }

    private static double norm(List<NDArray> arrays) {
        double s = 0;
        for (NDArray a : arrays) {
            s += sumOfSquares(a);
        }
        return Math.sqrt(s);
    }
}
