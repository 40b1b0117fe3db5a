package org.resnetlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Batch;
import org.resnetlab.models.CifarResNet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * ‖∂E/∂x_l‖ at every unit input x_0 … x_L ([2] §3 and Fig. 1: how the gradient reaches shallow units in plain,
 * original and pre-activation nets), at any point of training. E is the mean softmax cross-entropy of the batch;
 * norms are over the whole batch tensor. BN uses batch statistics; the model is left untouched.
 */
public final class GradientNorms {
    private GradientNorms() {}

    /**
     * @param block  a network from {@code Models.build}
     * @param images (N, C, H, W)
     * @param labels (N) class indices
     * @return index l = 0 … L: ‖∂E/∂x_l‖₂
     */
    public static double[] perUnit(Block block, NDArray images, NDArray labels) {
        return norms(block, images, labels, false);
    }

    /**
     * The root mean square of ∂E/∂x_l per element, ‖∂E/∂x_l‖₂ / √(elements): comparable across units whose tensors
     * differ in size (each width change halves the elements of x_l), which the plain norm is not.
     */
    public static double[] rmsPerUnit(Block block, NDArray images, NDArray labels) {
        return norms(block, images, labels, true);
    }

    private static double[] norms(Block block, NDArray images, NDArray labels, boolean perElement) {
        CifarResNet net = Passes.network(block);
        try (NDManager manager = images.getManager().newSubManager()) {
            Passes.Gradients g = Passes.gradients(net, new DetachedParameters(manager), Passes.own(images, manager),
                    Passes.own(labels, manager), manager);
            double[] norms = new double[g.grads().size()];
            for (int l = 0; l < norms.length; l++) {
                NDArray grad = g.grads().get(l);
                norms[l] = Norms.l2(grad) / (perElement ? Math.sqrt(grad.size()) : 1);
            }
            return norms;
        }
    }

    /**
     * A table to plot norms of several nets side by side: column "l" and one column per entry (e.g. "plain-56",
     * "original-56", "full-preact-56"); shorter series are padded with missing values.
     */
    public static Table table(java.util.Map<String, double[]> normsByNet) {
        int rows = normsByNet.values().stream().mapToInt(a -> a.length).max().orElse(0);
        int[] l = new int[rows];
        for (int i = 0; i < rows; i++) {
            l[i] = i;
        }
        Table t = Table.create("‖∂E/∂x_l‖");
        t.addColumns(IntColumn.create("l", l));
        normsByNet.forEach((name, norms) -> {
            DoubleColumn c = DoubleColumn.create(name, rows);
            for (int i = 0; i < norms.length; i++) {
                c.set(i, norms[i]);
            }
            t.addColumns(c);
        });
        return t;
    }

    /** {@link #perUnit(Block, NDArray, NDArray)} on a training batch (data and labels heads). */
    public static double[] perUnit(Block block, Batch batch) {
        return perUnit(block, batch.getData().head(), batch.getLabels().head());
    }
}
