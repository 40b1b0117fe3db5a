package org.resnetlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import org.resnetlab.models.CifarResNet;
import org.resnetlab.units.ResidualUnit;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * [2] eq. (5): with identity h and f, ∂E/∂x_l = ∂E/∂x_L · (1 + ∂/∂x_l Σ_{i=l}^{L−1} F(x_i)).
 *
 * <p>Two independent computations of ∂E/∂x_l, E the mean softmax cross-entropy of a batch:
 * <ul>
 *   <li>autograd through the whole network (one backward pass, {@link GradientNorms});</li>
 *   <li>the equation, unit by unit from ∂E/∂x_L: g_i = g_{i+1} + g_{i+1}·∂F_i/∂x_i, each term a vector-Jacobian
 *       product of the residual branch F_i alone (its own autograd pass on x_i). Chained from L down to l this is
 *       ∂E/∂x_L·(1 + ∂ΣF/∂x_l). Units that change the shape (no identity shortcut is possible there) are chained
 *       through as a whole.</li>
 * </ul>
 * They agree to float rounding for full pre-activation nets, and differ for the original unit, whose ReLU after
 * the addition is not an identity. BN uses batch statistics (a training-mode pass, as in training); the model's
 * parameters, gradients and BN running averages are left untouched.
 */
public final class BackwardCheck {
    private BackwardCheck() {}

    /**
     * ∂E/∂x_l at one l: by autograd and by the equation.
     *
     * @param identityChained whether unit l was chained as x_{l+1} = x_l + F(x_l) (false: through the whole unit)
     */
    public record Row(int l, double autogradNorm, double equationNorm, double differenceNorm,
                      boolean identityChained) {
        /** ‖autograd − equation‖₂ / ‖autograd‖₂. */
        public double relativeDifference() {
            return autogradNorm == 0 ? differenceNorm : differenceNorm / autogradNorm;
        }
    }

    /**
     * @param rows                  l = 0 … L
     * @param maxRelativeDifference max over l of ‖autograd − equation‖₂ / ‖autograd‖₂
     */
    public record Report(String unit, List<Row> rows, double maxRelativeDifference, double loss) {
        public boolean holds(double relativeTolerance) {
            return maxRelativeDifference <= relativeTolerance;
        }

        /** One row per x_l: l, ‖autograd‖, ‖equation‖, relative difference. */
        public Table toTable() {
            Table t = Table.create("∂E/∂x_l: autograd vs [2] eq. 5, " + unit);
            t.addColumns(IntColumn.create("l", rows.stream().mapToInt(Row::l).toArray()),
                    DoubleColumn.create("autograd", rows.stream().mapToDouble(Row::autogradNorm).toArray()),
                    DoubleColumn.create("equation", rows.stream().mapToDouble(Row::equationNorm).toArray()),
                    DoubleColumn.create("relative difference",
                            rows.stream().mapToDouble(Row::relativeDifference).toArray()));
            return t;
        }
    }

    /**
     * @param block  a network from {@code Models.build}
     * @param images (N, C, H, W)
     * @param labels (N) class indices
     */
    public static Report run(Block block, NDArray images, NDArray labels) {
        CifarResNet net = Passes.network(block);
        try (NDManager manager = images.getManager().newSubManager()) {
            DetachedParameters ps = new DetachedParameters(manager);
            Passes.Gradients autograd = Passes.gradients(net, ps, Passes.own(images, manager),
                    Passes.own(labels, manager), manager);
            List<ResidualUnit> units = net.units();
            int bigL = units.size();
            NDArray[] equation = new NDArray[bigL + 1];
            equation[bigL] = autograd.grads().get(bigL);
            boolean[] chained = new boolean[bigL + 1];
            for (int i = bigL - 1; i >= 0; i--) {
                ResidualUnit unit = units.get(i);
                NDArray next = equation[i + 1];
                if (unit.config().changesShape()) {
                    equation[i] = Passes.vjp(x -> Passes.run(unit, ps, x), autograd.xs().get(i), next, manager);
                } else {
                    NDArray viaBranch = Passes.vjp(x -> unit.residual(ps, x, true), autograd.xs().get(i), next, manager);
                    equation[i] = next.add(viaBranch);
                    chained[i] = true;
                }
            }
            List<Row> rows = new ArrayList<>();
            double worst = 0;
            for (int l = 0; l <= bigL; l++) {
                NDArray g = autograd.grads().get(l);
                Row row = new Row(l, Norms.l2(g), Norms.l2(equation[l]), Norms.l2Difference(g, equation[l]), chained[l]);
                worst = Math.max(worst, row.relativeDifference());
                rows.add(row);
            }
            return new Report(net.unitType().name(), List.copyOf(rows), worst, autograd.loss());
        }
    }
}
