package org.resnetlab.probe;

import org.resnetlab.format.Significant;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.resnetlab.models.CifarResNet;
import org.resnetlab.units.UnitParts;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * What the final feature vector is made of. With identity h and f, the last stage's output is
 * x_L = x_s + Σ_{i=s}^{L−1} F(x_i) (x_s the stage's input, [2] eq. 4): a sum of every unit's contribution. For each
 * unit the probe reports the relative size of its update ‖F(x_i)‖ / ‖x_i‖, and, in the last stage, each term's
 * <em>share</em> of x_L: its projection on x_L, ⟨term, x_L⟩ / ‖x_L‖². The shares of x_s and the F(x_i) add up to
 * exactly 1 when the recursion holds (full pre-activation) and not when a ReLU follows each addition (original).
 * One inference-mode pass (BN running statistics); nothing of the network changes.
 */
public final class Contributions {
    private Contributions() {}

    /** The column of a unit's relative update. */
    public static final String RELATIVE = "‖F(x_l)‖ / ‖x_l‖";
    /** The column of a term's share of x_L. */
    public static final String SHARE = "share of x_L";

    /**
     * One row per term: "x_s" (the last stage's input, l = s) and one row per unit l (its residual term F(x_l)).
     * Columns: term, l, stage, ‖F(x_l)‖ / ‖x_l‖ (missing for x_s), share of x_L (missing outside the last stage).
     */
    public static Table of(Block block, NDArray images) {
        CifarResNet net = Passes.network(block);
        List<int[]> segments = Passes.segments(net);
        int bigL = net.units().size();
        int lastStart = segments.isEmpty() || segments.get(segments.size() - 1)[1] != bigL
                ? bigL : segments.get(segments.size() - 1)[0];
        StringColumn term = StringColumn.create("term");
        IntColumn index = IntColumn.create("l");
        IntColumn stage = IntColumn.create("stage");
        DoubleColumn relative = DoubleColumn.create(RELATIVE);
        DoubleColumn share = DoubleColumn.create(SHARE);
        try (NDManager manager = images.getManager().newSubManager()) {
            CifarResNet.Trace trace = net.forwardTrace(new ParameterStore(manager, false), Passes.own(images, manager), false);
            List<NDArray> xs = trace.xs();
            List<UnitParts> parts = trace.parts();
            NDArray xL = xs.get(bigL);
            double xLSquared = Norms.l2(xL) * Norms.l2(xL);
            int unitsPerStage = net.layout().unitsPerStage();
            term.append("x_s (input of the last stage)");
            index.append(lastStart);
            stage.append(Math.min(lastStart / unitsPerStage, 2) + 1);
            relative.appendMissing();
            share.append(dot(xs.get(lastStart), xL) / xLSquared);
            for (int l = 0; l < bigL; l++) {
                NDArray f = parts.get(l).residualTerm();
                term.append("F(x_" + l + ")");
                index.append(l);
                stage.append(l / unitsPerStage + 1);
                // a width-changing unit's F has another shape than x_l: compare norms per element
                double perElementF = Norms.l2(f) / Math.sqrt(f.size());
                double perElementX = Norms.l2(xs.get(l)) / Math.sqrt(xs.get(l).size());
                relative.append(perElementF / perElementX);
                if (l >= lastStart) {
                    share.append(dot(f, xL) / xLSquared);
                } else {
                    share.appendMissing();
                }
            }
        }
        return Significant.digits(Table.create("contributions to x_L: " + net.unitType().name() + "-"
                + net.spec().depth(), term, index, stage, relative, share), 3);
    }

    /** The sum of the terms' shares of x_L in a table of {@link #of}: 1 exactly when x_L is the sum of its terms. */
    public static double shareSum(Table contributions) {
        return contributions.doubleColumn(SHARE).removeMissing().sum();
    }

    /**
     * One network's relative updates ‖F(x_l)‖ / ‖x_l‖ per unit l from its table of {@link #of}, with a "net" column
     * holding {@code net}: tables of several networks stack ({@code Table.append}) into one chart's curves.
     */
    public static Table relativeUpdates(String net, Table contributions) {
        Table units = contributions.where(contributions.stringColumn("term").startsWith("F("));
        return Table.create("relative update per unit",
                StringColumn.create("net", java.util.Collections.nCopies(units.rowCount(), net).toArray(String[]::new)),
                units.intColumn("l").copy(), units.doubleColumn(RELATIVE).copy());
    }

    private static double dot(NDArray a, NDArray b) {
        try (NDArray product = a.mul(b); NDArray sum = product.sum()) {
            return sum.getFloat();
        }
    }
}
