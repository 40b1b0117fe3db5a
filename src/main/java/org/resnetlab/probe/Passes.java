package org.resnetlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import org.resnetlab.models.CifarResNet;
import org.resnetlab.units.ResidualUnit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The instrumented passes the probes share. All arrays belong to the manager given; callers close it. */
final class Passes {
    private Passes() {}

    static CifarResNet network(Block block) {
        if (block instanceof CifarResNet net) {
            return net;
        }
        throw new IllegalArgumentException("the probes walk a network unit by unit: they need a CifarResNet (from "
                + "Models.build), got " + (block == null ? "null" : block.getClass().getName()));
    }

    /** A copy of a caller's array owned by {@code manager}, so every result computed from it is owned there too. */
    static NDArray own(NDArray a, NDManager manager) {
        return DetachedParameters.detachedCopy(a, manager);
    }

    /** x_0 … x_L and ∂E/∂x_l for every l, from one forward and one backward pass (BN on batch statistics). */
    record Gradients(List<NDArray> xs, List<NDArray> grads, double loss) {}

    /**
     * One training-mode pass with E = mean softmax cross-entropy. ∂E/∂x_l is read from a zero "probe" array added to
     * each x_l: x_l + z_l has the value of x_l and ∂E/∂z_l = ∂E/∂x_l, which autograd does not keep for intermediate
     * arrays.
     */
    static Gradients gradients(CifarResNet net, ParameterStore ps, NDArray images, NDArray labels,
                               NDManager manager) {
        List<NDArray> xs = new ArrayList<>();
        List<NDArray> probes = new ArrayList<>();
        double loss;
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray x = run(net.stem(), ps, images);
            for (int l = 0; l <= net.units().size(); l++) {
                NDArray z = manager.zeros(x.getShape(), x.getDataType(), x.getDevice());
                z.setRequiresGradient(true);
                probes.add(z);
                x = x.add(z);
                xs.add(x);
                if (l < net.units().size()) {
                    x = run(net.units().get(l), ps, x);
                }
            }
            NDArray logits = run(net.head(), ps, x);
            NDArray e = Loss.softmaxCrossEntropyLoss().evaluate(new NDList(labels), new NDList(logits));
            loss = e.getFloat();
            collector.backward(e);
        }
        List<NDArray> grads = new ArrayList<>();
        for (NDArray z : probes) {
            grads.add(z.getGradient());
        }
        return new Gradients(xs, grads, loss);
    }

    /** v·∂f/∂x at x (a vector-Jacobian product), by autograd on a fresh leaf copy of x. */
    static NDArray vjp(Function<NDArray, NDArray> f, NDArray x, NDArray v, NDManager manager) {
        NDArray leaf = DetachedParameters.detachedCopy(x, manager);
        leaf.setRequiresGradient(true);
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray y = f.apply(leaf);
            collector.backward(y.mul(v).sum());
        }
        return leaf.getGradient();
    }

    static NDArray run(Block block, ParameterStore ps, NDArray x) {
        return block.forward(ps, new NDList(x), true).singletonOrThrow();
    }

    /** Index ranges [from, to] of x's joined by shape-preserving units (the stages, for option A/B nets). */
    static List<int[]> segments(CifarResNet net) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        List<ResidualUnit> units = net.units();
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).config().changesShape()) {
                if (i > start) {
                    out.add(new int[] {start, i});
                }
                start = i + 1;
            }
        }
        if (units.size() > start) {
            out.add(new int[] {start, units.size()});
        }
        return out;
    }
}
