package org.resnetlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import org.resnetlab.models.CifarResNet;
import org.resnetlab.units.ConstantScalingShortcut;
import org.resnetlab.units.ResidualUnit;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.List;

/**
 * [2] §3.1: with scaled shortcuts h(x_i) = λ_i·x_i, x_L = (Π_{i=l}^{L−1} λ_i)·x_l + Σ F̂ and ∂E/∂x_l carries the
 * term (Π λ_i)·∂E/∂x_L: the shortcut's signal and gradient shrink exponentially for λ &lt; 1 and blow up for λ &gt; 1.
 */
public final class ScaledShortcuts {
    private ScaledShortcuts() {}

    /** Π λ over k units, for k = 0 … units: the factor on the shortcut signal (and gradient) after k units. */
    public static double[] gain(double lambda, int units) {
        if (units < 0) {
            throw new IllegalArgumentException("units must be >= 0, got " + units);
        }
        double[] out = new double[units + 1];
        out[0] = 1;
        for (int k = 1; k <= units; k++) {
            out[k] = out[k - 1] * lambda;
        }
        return out;
    }

    /** Π λ_i of a sequence of (possibly different) λ_i: element k is the product of the first k. */
    public static double[] gain(double[] lambdas) {
        double[] out = new double[lambdas.length + 1];
        out[0] = 1;
        for (int k = 1; k <= lambdas.length; k++) {
            out[k] = out[k - 1] * lambdas[k - 1];
        }
        return out;
    }

    /** A table to plot: column "units" (0 … units) and one column "λ=…" of Π λ per λ. */
    public static Table curves(int units, double... lambdas) {
        Table t = Table.create("shortcut gain Π λ ([2] §3.1)");
        int[] k = new int[units + 1];
        for (int i = 0; i <= units; i++) {
            k[i] = i;
        }
        t.addColumns(IntColumn.create("units", k));
        for (double lambda : lambdas) {
            t.addColumns(DoubleColumn.create("λ=" + lambda, gain(lambda, units)));
        }
        return t;
    }

    /**
     * A real network's signal and gradient against Π λ, over its first stage (x_0 … x_n, no width change).
     *
     * @param predicted     λ^k for k = 0 … n
     * @param signalRatio   ‖x_k‖ / ‖x_0‖, k = 0 … n
     * @param gradientRatio ‖∂E/∂x_{n−1−k}‖ / ‖∂E/∂x_{n−1}‖, k = 0 … n−1: k units back from the stage's last unit
     *                      input (∂E/∂x_n also reaches entries that the ReLU after each addition zeroes, so the
     *                      product starts one unit in)
     */
    public record Measurement(double lambda, double[] predicted, double[] signalRatio, double[] gradientRatio) {}

    /**
     * The factor each shortcut variant puts on x_l at initialisation ([2] §3), per unit and over {@code units} units:
     * identity 1, constant scaling λ = 0.5, and a gate 1 − σ(b_g) with b_g = 0 or −6 (W_g x is small beside b_g at
     * the start). Notebook 03's first table.
     */
    public static Table factorsAtInit(int units) {
        double closedGate = 1 - 1 / (1 + Math.exp(6));    // 1 − σ(−6)
        StringColumn variant = StringColumn.create("variant",
                "identity", "constant scaling λ = 0.5", "gate, b_g = 0", "gate, b_g = −6");
        DoubleColumn perUnit = DoubleColumn.create("factor per unit", 1, 0.5, 0.5, closedGate);
        DoubleColumn overAllUnits = perUnit.map(lambda -> Math.pow(lambda, units)).setName("Π over " + units + " units");
        perUnit.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        overAllUnits.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        return Table.create("Shortcut factor at initialisation ([2] §3), " + units + " units", variant, perUnit,
                overAllUnits);
    }

    /**
     * Measures a network of constant-scaling units. With a zero-initialised branch (F = 0) the ratios are exactly
     * λ^k; with a live branch the Σ F̂ terms add to them.
     */
    public static Measurement measure(Block block, NDArray images, NDArray labels) {
        CifarResNet net = Passes.network(block);
        List<ResidualUnit> units = net.units();
        if (!(units.get(0) instanceof ConstantScalingShortcut first)) {
            throw new IllegalArgumentException("measure needs a network of constant-scaling units, got '"
                    + net.unitType().name() + "'");
        }
        double lambda = first.shortcutScale();
        int n = Passes.segments(net).get(0)[1];
        try (NDManager manager = images.getManager().newSubManager()) {
            Passes.Gradients g = Passes.gradients(net, new DetachedParameters(manager), Passes.own(images, manager),
                    Passes.own(labels, manager), manager);
            double x0 = Norms.l2(g.xs().get(0));
            double gLast = Norms.l2(g.grads().get(n - 1));
            double[] signal = new double[n + 1];
            double[] gradient = new double[n];
            for (int k = 0; k <= n; k++) {
                signal[k] = Norms.l2(g.xs().get(k)) / x0;
                if (k < n) {
                    gradient[k] = Norms.l2(g.grads().get(n - 1 - k)) / gLast;
                }
            }
            return new Measurement(lambda, gain(lambda, n), signal, gradient);
        }
    }

    /**
     * {@link #measure} on a fresh ResNet of {@code depth} layers of {@code unit} (a constant-scaling unit) with
     * zero-initialised branches, 8 random 3×16×16 images, as a table: k, λ^k, the measured signal ratio and the
     * measured gradient ratio over the first stage. With F = 0 the measured columns equal λ^k: a check of the wiring.
     */
    public static Table measuredTable(String unit, int depth) {
        try (NDManager manager = NDManager.newBaseManager()) {
            var spec = org.resnetlab.models.ModelSpec.cifar(depth, unit).withInput(3, 16).withZeroInitLastBn(true);
            var net = org.resnetlab.models.Models.network(spec);
            ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(8, 3, 16, 16);
            net.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, shape);
            NDArray images = manager.randomNormal(shape);
            NDArray labels = manager.create(new float[] {0, 1, 2, 3, 4, 5, 6, 7});
            Measurement m = measure(net, images, labels);
            DoubleColumn gradient = DoubleColumn.create("measured ‖∂E/∂x_(n−1−k)‖ / ‖∂E/∂x_(n−1)‖", m.predicted().length);
            for (int k = 0; k < m.gradientRatio().length; k++) {
                gradient.set(k, m.gradientRatio()[k]);
            }
            return Table.create("ResNet-" + depth + " of '" + unit + "' units, zero-initialised branches, first stage",
                    IntColumn.indexColumn("k units", m.predicted().length, 0), DoubleColumn.create("λ^k", m.predicted()),
                    DoubleColumn.create("measured ‖x_k‖ / ‖x_0‖", m.signalRatio()), gradient);
        }
    }
}
