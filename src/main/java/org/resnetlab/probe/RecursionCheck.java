package org.resnetlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import org.resnetlab.models.CifarResNet;
import org.resnetlab.units.UnitParts;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * [2] eq. (4): when h and f are identities, x_L = x_l + Σ_{i=l}^{L−1} F(x_i) for every l &lt; L. One forward pass keeps
 * every x_l and every F(x_i) (the residual term of each unit's addition); the check compares x_L with the sum for
 * every pair l &lt; L joined by shape-preserving units (within a stage: where the width grows no unit is an identity).
 * For full pre-activation units the residual is float rounding; for the original unit (ReLU after the addition) it
 * is not.
 */
public final class RecursionCheck {
    private RecursionCheck() {}

    /** One pair: max |x_L − (x_l + Σ F(x_i))| and max |x_L| for scale. */
    public record Pair(int l, int bigL, double maxAbsResidual, double maxAbsSignal) {
        public double relativeResidual() {
            return maxAbsSignal == 0 ? maxAbsResidual : maxAbsResidual / maxAbsSignal;
        }
    }

    /** Every pair checked, and the worst. */
    public record Report(String unit, int units, List<Pair> pairs, double maxAbsResidual, double maxRelativeResidual) {
        /** True when the identity holds for every pair to the given relative tolerance. */
        public boolean holds(double relativeTolerance) {
            return maxRelativeResidual <= relativeTolerance;
        }

        /** One row per pair: from l, to L, max |residual|, max |x_L|, relative residual. */
        public Table toTable() {
            Table t = Table.create("x_L = x_l + Σ F(x_i): " + unit);
            t.addColumns(IntColumn.create("from l", pairs.stream().mapToInt(Pair::l).toArray()),
                    IntColumn.create("to L", pairs.stream().mapToInt(Pair::bigL).toArray()),
                    DoubleColumn.create("max |residual|", pairs.stream().mapToDouble(Pair::maxAbsResidual).toArray()),
                    DoubleColumn.create("max |x_L|", pairs.stream().mapToDouble(Pair::maxAbsSignal).toArray()),
                    DoubleColumn.create("relative", pairs.stream().mapToDouble(Pair::relativeResidual).toArray()));
            return t;
        }
    }

    /**
     * Runs the check on a batch. Nothing of the network changes (a training-mode pass updates BN running averages
     * of private copies only); every array the check creates is closed before it returns.
     *
     * @param block    a network from {@code Models.build}
     * @param images   (N, C, H, W)
     * @param training BN on batch statistics (true) or on running averages (false)
     */
    public static Report run(Block block, NDArray images, boolean training) {
        CifarResNet net = Passes.network(block);
        try (NDManager manager = images.getManager().newSubManager()) {
            DetachedParameters ps = new DetachedParameters(manager);
            NDArray x = Passes.own(images, manager);
            CifarResNet.Trace trace;
            if (training) {
                try (GradientCollector ignored = manager.getEngine().newGradientCollector()) {
                    trace = net.forwardTrace(ps, x, true); // MXNet runs batch-statistics BN only while recording
                }
            } else {
                trace = net.forwardTrace(ps, x, false);
            }
            List<NDArray> xs = trace.xs();
            List<UnitParts> parts = trace.parts();
            List<Pair> pairs = new ArrayList<>();
            double worstAbs = 0;
            double worstRelative = 0;
            for (int[] segment : Passes.segments(net)) {
                for (int l = segment[0]; l < segment[1]; l++) {
                    try (NDManager scratch = manager.newSubManager()) {
                        NDArray sum = xs.get(l).duplicate();
                        sum.attach(scratch); // results of sum.add(...) are owned by scratch and closed per l
                        for (int bigL = l + 1; bigL <= segment[1]; bigL++) {
                            sum = sum.add(parts.get(bigL - 1).residualTerm());
                            Pair p = new Pair(l, bigL, Norms.maxAbsDifference(sum, xs.get(bigL)),
                                    Norms.maxAbs(xs.get(bigL)));
                            pairs.add(p);
                            worstAbs = Math.max(worstAbs, p.maxAbsResidual());
                            worstRelative = Math.max(worstRelative, p.relativeResidual());
                        }
                    }
                }
            }
            return new Report(net.unitType().name(), net.units().size(), List.copyOf(pairs), worstAbs, worstRelative);
        }
    }
}
