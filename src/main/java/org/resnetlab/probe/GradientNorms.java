package org.resnetlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Batch;
import org.resnetlab.models.CifarResNet;

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
        CifarResNet net = Passes.network(block);
        try (NDManager manager = images.getManager().newSubManager()) {
            Passes.Gradients g = Passes.gradients(net, new DetachedParameters(manager), Passes.own(images, manager),
                    Passes.own(labels, manager), manager);
            double[] norms = new double[g.grads().size()];
            for (int l = 0; l < norms.length; l++) {
                norms[l] = Norms.l2(g.grads().get(l));
            }
            return norms;
        }
    }

    /** {@link #perUnit(Block, NDArray, NDArray)} on a training batch (data and labels heads). */
    public static double[] perUnit(Block block, Batch batch) {
        return perUnit(block, batch.getData().head(), batch.getLabels().head());
    }
}
